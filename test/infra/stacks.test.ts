// The synthesized CloudFormation, checked against the sources it is built from: the
// route table, the table definitions and the recurring schedules. Every check loops
// over those lists, so a function, route, table or schedule added by a feature is
// checked the moment it is added.

import { App, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { beforeAll, describe, expect, it } from 'vitest';
import { nagPacks } from '../../infra/nag.ts';
import {
  LIFECYCLE_FUNCTION,
  SES_EVENTS_FUNCTION,
  scheduledTargetNames,
} from '../../infra/stateless-stack.ts';
import { loadConfig, tableEnvVar } from '../../shared/config.ts';
import { METRIC_NAMESPACE } from '../../shared/metrics.ts';
import { functions, routes } from '../../shared/routes/index.ts';
import { TARGET_RETRY } from '../../shared/scheduler/aws.ts';
import {
  cronExpression,
  type RecurringSchedule,
  recurringSchedules,
} from '../../shared/scheduler/recurring.ts';
import { type TableDef, type TableKey, tables } from '../../shared/tables.ts';
import { cdkContext, type TestApp, testApp } from '../support/cdk.ts';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON
type Json = any;

const deployedKeys = (Object.keys(tables) as TableKey[]).filter((k) => !(tables[k] as TableDef).localOnly);
const routedFunctions = new Set(routes.map((r) => r.function));

let dev: TestApp;
let prod: TestApp;
beforeAll(() => {
  dev = testApp('dev');
  prod = testApp('prod');
}, 120_000);

function resourcesOf(template: Template, type: string): [string, Json][] {
  return Object.entries(template.toJSON().Resources as Record<string, Json>).filter(
    ([, r]) => r.Type === type,
  );
}

function lambdaNamed(app: TestApp, name: string): [string, Json] {
  const found = resourcesOf(app.statelessTemplate, 'AWS::Lambda::Function').find(
    ([, r]) =>
      r.Properties.FunctionName ===
      `affiliate-compliance-${app.stateless.node.tryGetContext('stage')}-${name}`,
  );
  if (!found) throw new Error(`no Lambda function for ${name}`);
  return found;
}

/** Every statement of the inline policies attached to the role with this logical id. */
function statementsOfRole(template: Template, roleId: string): Json[] {
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as Json[]).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Json[]);
}

function statementsOfFunction(app: TestApp, name: string): Json[] {
  const [, fn] = lambdaNamed(app, name);
  return statementsOfRole(app.statelessTemplate, fn.Properties.Role['Fn::GetAtt'][0]);
}

const actionsOf = (s: Json): string[] => [s.Action].flat();
const resourcesIn = (s: Json): Json[] => [s.Resource].flat();

describe('functions', () => {
  it('every function of the route table runs Node.js 24 on arm64, traced, with its own sizing', () => {
    expect(functions.length).toBeGreaterThan(0);
    for (const def of functions) {
      const [, fn] = lambdaNamed(dev, def.name);
      expect(fn.Properties, def.name).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: def.memoryMb,
        Timeout: def.timeoutSeconds,
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
      });
      expect(fn.Properties.Description).toContain(def.sizing.slice(0, 40));
    }
    expect(resourcesOf(dev.statelessTemplate, 'AWS::Lambda::Function')).toHaveLength(functions.length);
  });

  it('every function writes to its own log group, which has a retention', () => {
    const groups = Object.fromEntries(resourcesOf(dev.statelessTemplate, 'AWS::Logs::LogGroup'));
    for (const def of functions) {
      const [, fn] = lambdaNamed(dev, def.name);
      const group = groups[fn.Properties.LoggingConfig.LogGroup.Ref];
      expect(group?.Properties.RetentionInDays, def.name).toBeGreaterThan(0);
      expect(group?.Properties.LogGroupName).toBe(`/aws/lambda/affiliate-compliance-dev-${def.name}`);
    }
  });

  it('every function gets the whole configuration shared/config.ts needs in AWS', () => {
    for (const def of functions) {
      const [, fn] = lambdaNamed(dev, def.name);
      const raw = fn.Properties.Environment.Variables as Record<string, Json>;
      // Values that CloudFormation resolves at deploy time stand in as placeholders
      // (addresses as addresses).
      const placeholder = (k: string) =>
        k.endsWith('_URL') || k === 'AUTH_DOMAIN' ? `https://resolved-${k}.example` : `resolved-${k}`;
      const env = Object.fromEntries(
        Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? v : placeholder(k)]),
      );
      const config = loadConfig(env);
      expect(config.stage).toBe('dev');
      expect(config.scheduler.mode).toBe('aws');
      expect(config.secrets.cnicHmac).toEqual({ arn: expect.any(String) });
      expect(config.secrets.reportLink).toEqual({ arn: expect.any(String) });
      expect(config.mail.configurationSet).toBeTruthy();
      for (const key of deployedKeys)
        expect(Object.keys(config.tableNames), def.name).toContain(tableEnvVar(key));
      expect(JSON.stringify(raw.LIFECYCLE_FUNCTION_ARN)).toContain(
        `:function:affiliate-compliance-dev-${LIFECYCLE_FUNCTION}`,
      );
    }
  });

  it('functions nobody calls over HTTP send failed asynchronous events to a queue', () => {
    const configs = resourcesOf(dev.statelessTemplate, 'AWS::Lambda::EventInvokeConfig');
    for (const def of functions.filter((d) => !routedFunctions.has(d.name))) {
      const [id] = lambdaNamed(dev, def.name);
      const config = configs.find(([, c]) => c.Properties.FunctionName.Ref === id);
      expect(config?.[1].Properties.DestinationConfig.OnFailure.Destination, def.name).toBeDefined();
    }
  });
});

describe('least privilege', () => {
  it('a function reaches exactly the tables it declares, and writes only where it declares readwrite', () => {
    for (const def of functions) {
      const statements = statementsOfFunction(dev, def.name).filter((s) =>
        actionsOf(s).some((a) => a.startsWith('dynamodb:')),
      );
      for (const key of deployedKeys) {
        const logicalId = dev.stateful.getLogicalId(dev.stateful.tables.get(key)!.node.defaultChild as never);
        const onTable = statements.filter((s) => JSON.stringify(s.Resource).includes(logicalId));
        const declared = def.uses.tables.find((t) => t.table === key);
        const mailerRead = key === 'suppressions' && def.uses.sendsMail;
        if (!declared && !mailerRead) {
          expect(onTable, `${def.name} must not reach ${key}`).toEqual([]);
          continue;
        }
        const actions = onTable.flatMap(actionsOf);
        expect(actions, `${def.name} reads ${key}`).toContain('dynamodb:GetItem');
        expect(actions.includes('dynamodb:PutItem'), `${def.name} writes ${key}`).toBe(
          declared?.access === 'readwrite',
        );
        // Each index by name, never index/*.
        for (const index of (tables[key] as TableDef).indexes)
          expect(JSON.stringify(onTable)).toContain(`/index/${index.name}`);
        expect(JSON.stringify(onTable)).not.toContain('index/*');
      }
    }
  });

  it('only functions that send mail may send, and only as our identity through our configuration set', () => {
    for (const def of functions) {
      const send = statementsOfFunction(dev, def.name).filter((s) => actionsOf(s).includes('ses:SendEmail'));
      if (!def.uses.sendsMail) {
        expect(send, def.name).toEqual([]);
        continue;
      }
      expect(send, def.name).toHaveLength(1);
      const text = JSON.stringify(send[0].Resource);
      expect(text).toContain('SenderIdentity');
      expect(text).toContain('configuration-set');
    }
  });

  it('only functions that declare secrets may read them', () => {
    for (const def of functions) {
      const reads = statementsOfFunction(dev, def.name).filter((s) =>
        actionsOf(s).includes('secretsmanager:GetSecretValue'),
      );
      expect(reads.length > 0, def.name).toBe((def.uses.secrets ?? []).length > 0);
    }
  });
});

describe('HTTP API', () => {
  it('has one route per route-table entry, with the JWT authorizer exactly when the route is admin', () => {
    const deployed = new Map(
      resourcesOf(dev.statelessTemplate, 'AWS::ApiGatewayV2::Route').map(([, r]) => [
        r.Properties.RouteKey as string,
        r.Properties,
      ]),
    );
    expect(deployed.size).toBe(routes.length);
    for (const route of routes) {
      const props = deployed.get(`${route.method} ${route.path}`);
      expect(props, `${route.method} ${route.path}`).toBeDefined();
      expect(props.AuthorizationType, `${route.method} ${route.path}`).toBe(
        route.access === 'admin' ? 'JWT' : 'NONE',
      );
      // The route table's own rule: admin routes live under /admin/.
      expect(route.path.startsWith('/admin/')).toBe(route.access === 'admin');
    }
  });

  it('throttles the stage, writes JSON access logs and sets no CORS', () => {
    const stages = resourcesOf(dev.statelessTemplate, 'AWS::ApiGatewayV2::Stage');
    expect(stages).toHaveLength(1);
    const stage = stages[0]![1].Properties;
    const throttle = (cdkContext().stages as Json).dev.throttle;
    expect(stage.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: throttle.rateLimit,
      ThrottlingBurstLimit: throttle.burstLimit,
    });
    expect(stage.AccessLogSettings.DestinationArn).toBeDefined();
    expect(JSON.parse(stage.AccessLogSettings.Format)).toHaveProperty('status', '$context.status');
    const [, api] = resourcesOf(dev.statelessTemplate, 'AWS::ApiGatewayV2::Api')[0]!;
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });

  it('lets the configured operators invite organisers to the pool, and do nothing else with it', () => {
    const role = 'arn:aws:iam::123456789012:role/operators';
    const user = 'arn:aws:iam::123456789012:user/sadia';
    const stages = cdkContext().stages as Json;
    const app = testApp('dev', {
      stages: { ...stages, dev: { ...stages.dev, adminPrincipals: [role, user] } },
    });
    const [[, policy]] = resourcesOf(app.statelessTemplate, 'AWS::IAM::ManagedPolicy') as [[string, Json]];
    expect(policy.Properties.Roles).toEqual(['operators']);
    expect(policy.Properties.Users).toEqual(['sadia']);
    const [statement] = policy.Properties.PolicyDocument.Statement;
    expect([statement.Action].flat().sort()).toEqual([
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminListGroupsForUser',
    ]);
    const [poolId] = resourcesOf(app.statelessTemplate, 'AWS::Cognito::UserPool')[0]!;
    expect(statement.Resource).toEqual({ 'Fn::GetAtt': [poolId, 'Arn'] });
    // Nobody is given execute-api:Invoke any more: admin routes take a person's token.
    expect(JSON.stringify(app.statelessTemplate.toJSON())).not.toContain('execute-api:Invoke');
  });
});

describe('sign-in', () => {
  const only = (app: TestApp, type: string): [string, Json] => {
    const found = resourcesOf(app.statelessTemplate, type);
    expect(found, type).toHaveLength(1);
    return found[0]!;
  };

  it.each(['dev', 'prod'] as const)(
    '%s: every admin route has the JWT authorizer with the pool as issuer and the client as audience; no public route has one',
    (stage) => {
      const app = stage === 'dev' ? dev : prod;
      const [poolId] = only(app, 'AWS::Cognito::UserPool');
      const [clientId] = only(app, 'AWS::Cognito::UserPoolClient');
      const [authorizerId, authorizer] = only(app, 'AWS::ApiGatewayV2::Authorizer');
      expect(authorizer.Properties).toMatchObject({
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Audience: [{ Ref: clientId }] },
      });
      expect(authorizer.Properties.JwtConfiguration.Issuer).toEqual({
        'Fn::Join': [
          '',
          ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: poolId }],
        ],
      });
      const deployed = resourcesOf(app.statelessTemplate, 'AWS::ApiGatewayV2::Route').map(
        ([, r]) => r.Properties,
      );
      expect(deployed).toHaveLength(routes.length);
      for (const route of deployed) {
        const admin = (route.RouteKey as string).split(' ')[1]!.startsWith('/admin/');
        if (admin) {
          expect(route.AuthorizerId, route.RouteKey).toEqual({ Ref: authorizerId });
          expect(route.AuthorizationType).toBe('JWT');
        } else {
          expect(route.AuthorizerId, route.RouteKey).toBeUndefined();
          expect(route.AuthorizationType, route.RouteKey).toBe('NONE');
        }
      }
      expect(deployed.filter((r) => r.AuthorizerId)).toHaveLength(
        routes.filter((r) => r.access === 'admin').length,
      );
    },
  );

  it('requires TOTP MFA in prod (optional in dev), a strong password, invitations only, and keeps the pool in prod', () => {
    for (const [app, mfa] of [
      [prod, 'ON'],
      [dev, 'OPTIONAL'],
    ] as const) {
      const [, pool] = only(app, 'AWS::Cognito::UserPool');
      expect(pool.Properties.MfaConfiguration).toBe(mfa);
      expect(pool.Properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
      expect(pool.Properties.UsernameAttributes).toEqual(['email']);
      expect(pool.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
      expect(pool.Properties.Policies.PasswordPolicy).toMatchObject({
        MinimumLength: 14,
        RequireLowercase: true,
        RequireUppercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
      });
    }
    const [, prodPool] = only(prod, 'AWS::Cognito::UserPool');
    expect(prodPool.Properties.DeletionProtection).toBe('ACTIVE');
    expect(prodPool.DeletionPolicy).toBe('Retain');
    const [, devPool] = only(dev, 'AWS::Cognito::UserPool');
    expect(devPool.DeletionPolicy).toBe('Delete');
    // A dev stage may ask for MFA too; prod cannot be made optional.
    const stages = cdkContext().stages as Json;
    const strictDev = testApp('dev', { stages: { ...stages, dev: { ...stages.dev, mfa: 'required' } } });
    expect(only(strictDev, 'AWS::Cognito::UserPool')[1].Properties.MfaConfiguration).toBe('ON');
    const laxProd = testApp('prod', { stages: { ...stages, prod: { ...stages.prod, mfa: 'optional' } } });
    expect(only(laxProd, 'AWS::Cognito::UserPool')[1].Properties.MfaConfiguration).toBe('ON');
  });

  it('has the organizers group, and a public app client for the code flow back to /console/auth/callback', () => {
    const [poolId] = only(prod, 'AWS::Cognito::UserPool');
    const [, group] = only(prod, 'AWS::Cognito::UserPoolGroup');
    expect(group.Properties).toMatchObject({ GroupName: 'organizers', UserPoolId: { Ref: poolId } });
    const [, client] = only(prod, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email'],
      SupportedIdentityProviders: ['COGNITO'],
      EnableTokenRevocation: true,
      IdTokenValidity: 15,
      RefreshTokenValidity: 720,
    });
    expect(client.Properties.ExplicitAuthFlows.sort()).toEqual([
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
    ]);
    expect(JSON.stringify(client.Properties.CallbackURLs)).toContain('/console/auth/callback');
    expect(JSON.stringify(client.Properties.LogoutURLs)).toContain('/console/auth/signed-out');
    const [, domain] = only(prod, 'AWS::Cognito::UserPoolDomain');
    expect(domain.Properties).toMatchObject({ Domain: 'affiliate-compliance-prod', ManagedLoginVersion: 2 });
  });

  it('gives console-auth, and only it, the sign-in settings', () => {
    for (const def of functions) {
      const env = lambdaNamed(prod, def.name)[1].Properties.Environment.Variables;
      if (def.name !== 'console-auth') {
        expect(env.AUTH_DOMAIN, def.name).toBeUndefined();
        continue;
      }
      const [clientId] = only(prod, 'AWS::Cognito::UserPoolClient');
      expect(env.AUTH_CLIENT_ID).toEqual({ Ref: clientId });
      expect(JSON.stringify(env.AUTH_DOMAIN)).toContain('.auth.');
      const config = loadConfig(
        Object.fromEntries(
          Object.entries(env).map(([k, v]) => [k, typeof v === 'string' ? v : `https://${k}`]),
        ),
      );
      expect(config.signIn).toBeDefined();
    }
  });

  it('tells the operator where the console, the pool, its client and its domain are', () => {
    const outputs = Object.keys(prod.statelessTemplate.toJSON().Outputs);
    expect(outputs).toEqual(
      expect.arrayContaining([
        'ConsoleUrl',
        'UserPoolId',
        'UserPoolClientId',
        'SignInDomain',
        'InvitePolicyArn',
      ]),
    );
    expect(outputs).not.toContain('AdminPolicyArn');
  });
});

describe('tables', () => {
  it.each(['dev', 'prod'] as const)('%s: keys, indexes and TTL equal the shared definitions', (stage) => {
    const app = stage === 'dev' ? dev : prod;
    const deployed = resourcesOf(app.statefulTemplate, 'AWS::DynamoDB::Table');
    expect(deployed).toHaveLength(deployedKeys.length);
    for (const key of deployedKeys) {
      const def: TableDef = tables[key];
      const found = deployed.find(
        ([, t]) => t.Properties.TableName === `affiliate-compliance-${stage}-${def.name}`,
      );
      expect(found, key).toBeDefined();
      const [, table] = found!;
      const keySchema = (pk: { name: string }, sk?: { name: string }) => [
        { AttributeName: pk.name, KeyType: 'HASH' },
        ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' }] : []),
      ];
      expect(table.Properties.KeySchema).toEqual(keySchema(def.partitionKey, def.sortKey));
      const indexes = (table.Properties.GlobalSecondaryIndexes ?? []).map((i: Json) => ({
        name: i.IndexName,
        keys: i.KeySchema,
      }));
      expect(indexes).toEqual(
        def.indexes.map((i) => ({ name: i.name, keys: keySchema(i.partitionKey, i.sortKey) })),
      );
      const types = Object.fromEntries(
        (table.Properties.AttributeDefinitions as Json[]).map((a) => [a.AttributeName, a.AttributeType]),
      );
      for (const k of [
        def.partitionKey,
        def.sortKey,
        ...def.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
      ])
        if (k) expect(types[k.name]).toBe(k.type);
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true });
      expect(table.Properties.TimeToLiveSpecification?.AttributeName).toBe(def.ttlAttribute);
      expect(table.Properties.DeletionProtectionEnabled).toBe(stage === 'prod');
      expect(table.DeletionPolicy).toBe(stage === 'prod' ? 'Retain' : 'Delete');
    }
  });

  it('keeps the secrets in prod when the stack goes', () => {
    for (const [app, policy] of [
      [prod, 'Retain'],
      [dev, 'Delete'],
    ] as const) {
      const secrets = resourcesOf(app.statefulTemplate, 'AWS::SecretsManager::Secret');
      expect(secrets).toHaveLength(2);
      for (const [, s] of secrets) expect(s.DeletionPolicy).toBe(policy);
    }
  });
});

describe('report documents bucket', () => {
  it.each(['dev', 'prod'] as const)(
    '%s: private, encrypted, versioned, TLS only, with the retention rule and no CORS',
    (stage) => {
      const app = stage === 'dev' ? dev : prod;
      const buckets = resourcesOf(app.statefulTemplate, 'AWS::S3::Bucket');
      expect(buckets).toHaveLength(1);
      const [id, bucket] = buckets[0]!;
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
      ]);
      expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(bucket.Properties.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
      expect(bucket.Properties.CorsConfiguration).toBeUndefined();
      const rules = bucket.Properties.LifecycleConfiguration.Rules as Json[];
      expect(rules).toContainEqual(
        expect.objectContaining({
          Status: 'Enabled',
          ExpirationInDays: 7 * 365,
          NoncurrentVersionExpiration: { NoncurrentDays: 90 },
        }),
      );
      expect(JSON.stringify(bucket.Properties.BucketName)).toContain(
        `affiliate-compliance-${stage}-uploads-`,
      );
      expect(bucket.DeletionPolicy).toBe(stage === 'prod' ? 'Retain' : 'Delete');
      // Plain HTTP is refused for everyone.
      const [, policy] = resourcesOf(app.statefulTemplate, 'AWS::S3::BucketPolicy').find(
        ([, p]) => p.Properties.Bucket.Ref === id,
      )!;
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    },
  );

  it('only functions that declare uploads reach the bucket, with exactly the object actions declared, under reports/', () => {
    const expected: Record<string, string[]> = {
      put: ['s3:PutObject'],
      read: ['s3:GetObject', 's3:GetObjectVersion'],
      delete: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
    };
    const users = functions.filter((d) => d.uses.uploads?.length).map((d) => d.name);
    expect(users.sort()).toEqual(['admin-uploads', 'report-page', 'report-uploads']);
    for (const def of functions) {
      const onS3 = statementsOfFunction(dev, def.name).filter((s) =>
        actionsOf(s).some((a) => a.startsWith('s3:')),
      );
      if (!def.uses.uploads?.length) {
        expect(onS3, `${def.name} must not reach the bucket`).toEqual([]);
        continue;
      }
      const objects = onS3.find((s) => s.Sid === 'ReportDocuments');
      expect(actionsOf(objects).sort(), def.name).toEqual(
        def.uses.uploads.flatMap((u) => expected[u]!).sort(),
      );
      expect(JSON.stringify(objects.Resource)).toMatch(/affiliate-compliance-dev-uploads-.*\/reports\/\*"/);
      const list = onS3.filter((s) => s.Sid === 'ReportDocumentsMissing');
      expect(list.length, `${def.name} lists the bucket only to tell a missing object`).toBe(
        def.uses.uploads.includes('read') ? 1 : 0,
      );
      expect(onS3).toHaveLength(1 + list.length);
    }
    // Signing the POST policy is the report page's alone; nobody public may delete.
    expect(functions.filter((d) => d.uses.uploads?.includes('put')).map((d) => d.name)).toEqual([
      'report-page',
    ]);
  });
});

describe('talk-page notices', () => {
  it('are off in the stages as configured: no bot secret, TALK_PAGE_NOTICES off', () => {
    for (const app of [dev, prod]) {
      expect(resourcesOf(app.statefulTemplate, 'AWS::SecretsManager::Secret')).toHaveLength(2);
      const [, fn] = lambdaNamed(app, LIFECYCLE_FUNCTION);
      expect(fn.Properties.Environment.Variables.TALK_PAGE_NOTICES).toBe('off');
      expect(fn.Properties.Environment.Variables.META_BOT_PASSWORD_ARN).toBeUndefined();
    }
  });

  it('turned on for a stage: the bot password secret, read only by functions that deliver notices', () => {
    const context = cdkContext() as { stages: Record<string, Record<string, unknown>> };
    const app = testApp('dev', {
      stages: {
        ...context.stages,
        dev: { ...context.stages.dev, talkPageNotices: ['first_reminder', 'expiry_notice'] },
      },
    });
    const secrets = resourcesOf(app.statefulTemplate, 'AWS::SecretsManager::Secret');
    const bot = secrets.find(([, s]) => s.Properties.Name === 'affiliate-compliance-dev/metaBotPassword');
    expect(bot).toBeDefined();
    const botId = bot![0];
    for (const def of functions) {
      const [, fn] = lambdaNamed(app, def.name);
      const env = fn.Properties.Environment.Variables;
      expect(env.TALK_PAGE_NOTICES).toBe('first_reminder,expiry_notice');
      expect(JSON.stringify(env.META_BOT_PASSWORD_ARN)).toContain(botId.slice(0, 20));
      const reads = statementsOfFunction(app, def.name).filter(
        (s) =>
          actionsOf(s).includes('secretsmanager:GetSecretValue') &&
          JSON.stringify(s.Resource).includes(botId.slice(0, 20)),
      );
      expect(reads.length > 0, def.name).toBe(!!def.uses.talkPage);
    }
    expect(
      functions
        .filter((d) => d.uses.talkPage)
        .map((d) => d.name)
        .sort(),
    ).toEqual(['admin-affiliates', 'admin-reports', 'lifecycle', 'submit-report', 'verify-report']);
  });
});

describe('scheduling', () => {
  const schedulerRoleId = (app: TestApp) =>
    app.stateless.getLogicalId(app.stateless.schedulerRole.node.defaultChild as never);

  it('has the schedule group, the role Scheduler assumes and the dead-letter queue, wired into every function', () => {
    const groups = resourcesOf(dev.statelessTemplate, 'AWS::Scheduler::ScheduleGroup');
    expect(groups).toHaveLength(1);
    const groupName = groups[0]![1].Properties.Name;
    const roleId = schedulerRoleId(dev);
    const role = dev.statelessTemplate.toJSON().Resources[roleId];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'scheduler.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
    ]);
    const dlqId = dev.stateless.getLogicalId(dev.stateless.schedulerDlq.node.defaultChild as never);
    expect(dev.statelessTemplate.toJSON().Resources[dlqId]?.Type).toBe('AWS::SQS::Queue');
    for (const def of functions) {
      const env = lambdaNamed(dev, def.name)[1].Properties.Environment.Variables;
      expect(env.SCHEDULE_GROUP).toBe(groupName);
      expect(env.SCHEDULER_ROLE_ARN).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
      expect(env.SCHEDULER_DLQ_ARN).toEqual({ 'Fn::GetAtt': [dlqId, 'Arn'] });
    }
  });

  it('the Scheduler role may invoke the scheduled functions and reach its DLQ, nothing else', () => {
    const statements = statementsOfRole(dev.statelessTemplate, schedulerRoleId(dev));
    const dlqId = dev.stateless.getLogicalId(dev.stateless.schedulerDlq.node.defaultChild as never);
    const targets = scheduledTargetNames();
    // lifecycle when it exists, and only functions nobody reaches over HTTP.
    expect(targets.includes(LIFECYCLE_FUNCTION)).toBe(functions.some((f) => f.name === LIFECYCLE_FUNCTION));
    for (const t of targets)
      expect(
        routes.some((r) => r.function === t),
        t,
      ).toBe(false);
    const invoked: string[] = [];
    for (const s of statements) {
      const actions = actionsOf(s);
      if (actions.every((a) => a.startsWith('sqs:'))) {
        expect(s.Resource).toEqual({ 'Fn::GetAtt': [dlqId, 'Arn'] });
        expect(actions).not.toContain('sqs:ReceiveMessage');
        continue;
      }
      expect(actions).toEqual(['lambda:InvokeFunction']);
      for (const r of resourcesIn(s)) {
        const m = /:function:affiliate-compliance-dev-([a-z0-9-]+)"\]\]\}$/.exec(JSON.stringify(r));
        expect(m, JSON.stringify(r)).not.toBeNull();
        invoked.push(m![1]!);
      }
    }
    expect(invoked.sort()).toEqual([...targets].sort());
  });

  it('functions that manage schedules do so in the group only, and pass only the Scheduler role', () => {
    const roleId = schedulerRoleId(dev);
    for (const def of functions) {
      const statements = statementsOfFunction(dev, def.name);
      const scheduling = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('scheduler:')));
      const passing = statements.filter((s) => actionsOf(s).includes('iam:PassRole'));
      if (!def.uses.schedules) {
        expect([...scheduling, ...passing], def.name).toEqual([]);
        continue;
      }
      expect(scheduling.flatMap(actionsOf).sort()).toEqual([
        'scheduler:CreateSchedule',
        'scheduler:DeleteSchedule',
        'scheduler:GetSchedule',
        'scheduler:UpdateSchedule',
      ]);
      for (const s of scheduling)
        for (const r of resourcesIn(s))
          expect(JSON.stringify(r)).toMatch(/:schedule\/affiliate-compliance-dev-schedules\/\*"\]\]\}$/);
      expect(passing).toHaveLength(1);
      expect(passing[0].Resource).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
      expect(passing[0].Condition).toEqual({
        StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
      });
    }
  });

  it('every recurring schedule fires its target with the retry policy and the dead-letter queue', () => {
    // Check the list as it is, plus one extra daily schedule, so the wiring is exercised
    // even while the list is short.
    const extra: RecurringSchedule = {
      name: 'test-daily-check',
      target: functions[0]!.name,
      payload: { kind: 'check' },
      dailyAtUtc: { hour: 1, minute: 30 },
      description: 'added by the test',
    };
    recurringSchedules.push(extra);
    let app: TestApp;
    try {
      app = testApp('dev');
    } finally {
      recurringSchedules.pop();
    }
    const schedules = resourcesOf(app.statelessTemplate, 'AWS::Scheduler::Schedule');
    expect(schedules).toHaveLength(recurringSchedules.length + 1);
    const dlqId = app.stateless.getLogicalId(app.stateless.schedulerDlq.node.defaultChild as never);
    for (const s of [...recurringSchedules, extra]) {
      const found = schedules.find(([, r]) => r.Properties.Name === `affiliate-compliance-dev-${s.name}`);
      expect(found, s.name).toBeDefined();
      const props = found![1].Properties;
      expect(props.ScheduleExpression).toBe(cronExpression(s));
      expect(props.Target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } });
      expect(props.Target.RetryPolicy).toEqual(TARGET_RETRY);
      expect(JSON.parse(props.Target.Input)).toEqual(s.payload);
    }
  });
});

describe('mail', () => {
  it('routes bounces and complaints of our configuration set to the ses-events function', () => {
    const destinations = resourcesOf(dev.statelessTemplate, 'AWS::SES::ConfigurationSetEventDestination');
    expect(destinations).toHaveLength(1);
    const destination = destinations[0]![1].Properties.EventDestination;
    expect(destination.MatchingEventTypes.sort()).toEqual(['bounce', 'complaint']);
    expect(destination.EventBridgeDestination).toBeDefined();
    const [[, rule]] = resourcesOf(dev.statelessTemplate, 'AWS::Events::Rule') as [[string, Json]];
    expect(rule.Properties.EventPattern.source).toEqual(['aws.ses']);
    expect(rule.Properties.EventPattern['detail-type'].sort()).toEqual([
      'Email Bounced',
      'Email Complaint Received',
    ]);
    const [fnId] = lambdaNamed(dev, SES_EVENTS_FUNCTION);
    expect(rule.Properties.Targets[0].Arn).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
    expect(rule.Properties.Targets[0].DeadLetterConfig.Arn).toBeDefined();
  });
});

describe('alarms', () => {
  it('alarm to the topic on dead letters, function errors and throttles, API 5xx and the confirmation cap', () => {
    const alarms = resourcesOf(dev.statelessTemplate, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const topicId = dev.stateless.getLogicalId(dev.stateless.alarmTopic.node.defaultChild as never);
    for (const a of alarms) expect(a.AlarmActions).toEqual([{ Ref: topicId }]);
    const on = (metric: string, dimension: string, value: Json) =>
      alarms.filter(
        (a) =>
          a.MetricName === metric &&
          (a.Dimensions as Json[]).some(
            (d) => d.Name === dimension && JSON.stringify(d.Value) === JSON.stringify(value),
          ),
      );
    for (const q of resourcesOf(dev.statelessTemplate, 'AWS::SQS::Queue'))
      expect(
        on('ApproximateNumberOfMessagesVisible', 'QueueName', { 'Fn::GetAtt': [q[0], 'QueueName'] }),
        q[0],
      ).toHaveLength(1);
    for (const def of functions) {
      const [id] = lambdaNamed(dev, def.name);
      expect(on('Errors', 'FunctionName', { Ref: id }), def.name).toHaveLength(1);
      expect(on('Throttles', 'FunctionName', { Ref: id }), def.name).toHaveLength(1);
    }
    expect(alarms.filter((a) => a.MetricName === '5xx' && a.Namespace === 'AWS/ApiGateway')).toHaveLength(1);
    // The daily cap on confirmation emails: the metric submit-application emits when it refuses one.
    expect(
      on('ConfirmationDailyCapReached', 'stage', 'dev').filter((a) => a.Namespace === METRIC_NAMESPACE),
    ).toHaveLength(1);
    dev.statelessTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: (cdkContext().stages as Json).dev.alarmEmail,
    });
  });
});

describe('cdk-nag (AwsSolutions and Serverless packs)', () => {
  const findings = (app: App) =>
    nagPacks(app).flatMap((pack) =>
      pack
        .validateScope(app)
        .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`)),
    );

  it.each(['dev', 'prod'] as const)('%s: no unacknowledged finding', (stage) => {
    expect(findings((stage === 'dev' ? dev : prod).app)).toEqual([]);
  });

  it('would report a public route that nobody acknowledged', () => {
    const app = new App();
    const api = new apigw.HttpApi(new Stack(app, 'Probe'), 'Api');
    api.addRoutes({ path: '/open', integration: new HttpUrlIntegration('Url', 'https://example.org') });
    expect(findings(app).some((f) => f.startsWith('AwsSolutions-APIG4'))).toBe(true);
  });

  it('acknowledges only the accepted kinds of finding, each with a reason, APIG4 only on public routes', () => {
    const accepted = [
      'AwsSolutions-APIG4', // public routes (the forms, the report page, health)
      'AwsSolutions-IAM5[Resource::*]', // X-Ray
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:', // schedules of our group
      'AwsSolutions-COG8', // the Plus feature plan
      'AwsSolutions-COG2', // dev only: MFA optional
      'AwsSolutions-L1', // nodejs24.x on purpose
      'Serverless-LambdaLatestVersion',
      'Serverless-LambdaDLQ', // synchronous HTTP functions; async ones use on-failure destinations
      'AwsSolutions-SQS3', // dead-letter queues themselves
      'Serverless-SQSRedrivePolicy',
      'Serverless-SNSRedrivePolicy', // email alarm subscription
      'AwsSolutions-SMG4', // HMAC keys rotated by hand
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::', // report documents under reports/
      'AwsSolutions-S1', // no server access logs: uploads on the timeline, downloads in the API log
    ];
    const publicRoutes = routes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.path} `);
    let apig4 = 0;
    for (const construct of dev.app.node.findAll())
      for (const entry of construct.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules'))
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          const rule = id.replace(/^Annotation::/, '');
          expect(
            accepted.some((a) => rule.startsWith(a)),
            rule,
          ).toBe(true);
          expect(reason.length, rule).toBeGreaterThan(30);
          if (rule === 'AwsSolutions-APIG4') {
            apig4++;
            expect(
              publicRoutes.some((r) => reason.startsWith(r)),
              reason,
            ).toBe(true);
          }
        }
    expect(apig4).toBe(publicRoutes.length);
  });
});
