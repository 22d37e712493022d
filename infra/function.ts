// A Lambda function with our defaults, built from its entry in the route table:
// Node.js 24 on arm64 (cheaper per ms and at least as fast for this I/O-bound work),
// an ESM bundle made by the local esbuild (never Docker) that holds the AWS SDK clients
// the handler imports, tree-shaken, rather than the runtime's copy; source maps; its own
// log group with a retention; X-Ray tracing. Memory and timeout come from the
// FunctionDef, whose `sizing` reason becomes the function's description.

import { dirname, resolve } from 'node:path';
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Charset, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionDef } from '../shared/routes/index.ts';

export const ROOT = resolve(import.meta.dirname, '..');

// Some CommonJS dependencies call require() for Node built-ins; an ESM bundle has no
// require, so give it one.
const REQUIRE_SHIM =
  "import { createRequire as __createRequire } from 'node:module';const require = __createRequire(import.meta.url);";

export interface AppFunctionProps {
  def: FunctionDef;
  functionName: string;
  environment: Record<string, string>;
  logRetention: logs.RetentionDays;
  removalPolicy: RemovalPolicy;
  /** For functions invoked asynchronously (schedules, events): where failed events go. */
  onFailure?: sqs.IQueue;
}

export class AppFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const { def } = props;
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    // Its own role rather than the AWS managed basic-execution policy: it may write to its
    // own log group only. Grants from the route table are added to it.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.functionName}`,
    });
    this.logGroup.grantWrite(role);
    this.fn = new NodejsFunction(this, 'Function', {
      role,
      functionName: props.functionName,
      description: `${def.description} Sizing: ${def.sizing}`.slice(0, 256),
      entry: resolve(ROOT, 'functions', `${def.name}.ts`),
      handler: 'handler',
      projectRoot: ROOT,
      depsLockFilePath: resolve(ROOT, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: def.memoryMb,
      timeout: Duration.seconds(def.timeoutSeconds),
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.TEXT,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      ...(props.onFailure ? { onFailure: new SqsDestination(props.onFailure), retryAttempts: 2 } : {}),
      bundling: {
        forceDockerBundling: false,
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        target: 'node24',
        // Urdu text as UTF-8 rather than \uXXXX escapes, which triple its bytes.
        charset: Charset.UTF8,
        // Bundle the SDK too (NodejsFunction leaves @aws-sdk/* out by default): each
        // bundle then holds only the clients it imports, ESM and tree-shaken.
        externalModules: [],
        banner: REQUIRE_SHIM,
        // Files the handler reads at run time (the Urdu font), copied beside the bundle.
        ...(def.files?.length
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) =>
                  def.files!.map(
                    (f) =>
                      `mkdir -p "${dirname(`${outputDir}/${f.to}`)}" && cp "${inputDir}/${f.from}" "${outputDir}/${f.to}"`,
                  ),
              },
            }
          : {}),
      },
    });
  }
}
