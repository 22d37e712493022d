// What must survive a redeploy: the DynamoDB tables (built from shared/tables.ts, the
// same definitions the local stack uses), the HMAC secrets and the report documents bucket. In prod both are
// retained when the stack is deleted and the tables have deletion protection.

import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { SecretName } from '../shared/secrets.ts';
import { type KeyDef, type TableDef, type TableKey, tables } from '../shared/tables.ts';
import type { DeployConfig } from './config.ts';
import { acknowledge } from './nag.ts';
import { uploadsBucket } from './uploads-bucket.ts';

export interface StatefulStackProps extends StackProps {
  config: DeployConfig;
}

const attribute = (key: KeyDef): dynamodb.Attribute => ({
  name: key.name,
  type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
});

/** The tables that exist in AWS (the local-only stand-ins are skipped). */
export const deployedTableKeys = (): TableKey[] =>
  (Object.keys(tables) as TableKey[]).filter((key) => !(tables[key] as TableDef).localOnly);

export class StatefulStack extends Stack {
  readonly tables = new Map<TableKey, dynamodb.Table>();
  readonly secrets = new Map<SecretName, secretsmanager.Secret>();
  /** Report documents (PDF) the affiliates upload (infra/uploads-bucket.ts). */
  readonly uploadsBucket: s3.Bucket;
  /** The meta-wiki bot password for talk-page notices; only in a stage that posts them. */
  readonly metaBotPassword?: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    for (const key of deployedTableKeys()) {
      const def: TableDef = tables[key];
      const table = new dynamodb.Table(this, `Table-${key}`, {
        tableName: `${config.prefix}-${def.name}`,
        partitionKey: attribute(def.partitionKey),
        ...(def.sortKey ? { sortKey: attribute(def.sortKey) } : {}),
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: dynamodb.TableEncryption.AWS_MANAGED,
        ...(def.ttlAttribute ? { timeToLiveAttribute: def.ttlAttribute } : {}),
        deletionProtection: config.retainData,
        removalPolicy,
      });
      for (const index of def.indexes) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: attribute(index.partitionKey),
          ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
          projectionType: dynamodb.ProjectionType.ALL,
        });
      }
      this.tables.set(key, table);
    }

    this.uploadsBucket = uploadsBucket(this, config.prefix, removalPolicy);
    if (config.talkPageNotices === 'all' || config.talkPageNotices.length > 0) {
      this.metaBotPassword = new secretsmanager.Secret(this, 'Secret-metaBotPassword', {
        secretName: `${config.prefix}/metaBotPassword`,
        description:
          'meta-wiki bot password for talk-page notices: {"username": "Name@app", "password": "..."} from Special:BotPasswords.',
        // A placeholder until an operator puts the real one (README, Deploy).
        generateSecretString: {
          secretStringTemplate: JSON.stringify({ username: 'set-me@notices' }),
          generateStringKey: 'password',
          excludePunctuation: true,
        },
        removalPolicy,
      });
      acknowledge(this.metaBotPassword, [
        {
          id: 'AwsSolutions-SMG4',
          reason:
            'A meta-wiki bot password: only meta-wiki can issue a new one (Special:BotPasswords), so rotation is a manual, documented step.',
        },
      ]);
    }

    const secretPurposes: Record<SecretName, string> = {
      cnicHmac: 'HMAC key for hashing CNIC numbers (duplicate applications are found by hash).',
      reportLink: 'HMAC key that signs the personal report-submission links in reminder emails.',
    };
    for (const [name, description] of Object.entries(secretPurposes) as [SecretName, string][]) {
      const secret = new secretsmanager.Secret(this, `Secret-${name}`, {
        secretName: `${config.prefix}/${name}`,
        description,
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
        removalPolicy,
      });
      acknowledge(secret, [
        {
          id: 'AwsSolutions-SMG4',
          reason:
            'HMAC keys, not credentials: automatic rotation would break stored CNIC hashes and links already emailed; rotation is a manual, documented step (README, Deploy).',
        },
      ]);
      this.secrets.set(name, secret);
    }
  }
}
