// The HTTP API: built from the route table, one Lambda integration per function, the
// stage with throttling and JSON access logs, and the JWT authorizer (sign-in.ts) on
// exactly the admin routes. No CORS: every page that calls the API is served by the API itself.

import type { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import { type RouteDef, routes } from '../../shared/routes/index.ts';
import type { DeployConfig } from '../config.ts';
import { acknowledge } from '../nag.ts';
import type { Functions } from './functions.ts';
import { physicalName } from './names.ts';

export class Api {
  readonly httpApi: apigw.HttpApi;
  stage?: apigw.HttpStage;

  constructor(
    private readonly stack: Stack,
    private readonly config: DeployConfig,
  ) {
    // Created before the functions: its URL is the public base URL by default.
    this.httpApi = new apigw.HttpApi(stack, 'Api', {
      apiName: physicalName(config, 'api'),
      description: 'Affiliate membership and reporting compliance',
      createDefaultStage: false,
    });
  }

  /** The stage and every route of the route table; `adminAuthorizer` on exactly the admin routes. */
  addRoutes(
    deployed: Functions,
    adminAuthorizer: apigw.IHttpRouteAuthorizer,
    logging: { retention: logs.RetentionDays; removalPolicy: RemovalPolicy },
  ) {
    const accessLogs = new logs.LogGroup(this.stack, 'ApiAccessLogs', {
      logGroupName: `/aws/apigateway/${physicalName(this.config, 'api')}`,
      retention: logging.retention,
      removalPolicy: logging.removalPolicy,
    });
    this.stage = new apigw.HttpStage(this.stack, 'ApiStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: this.config.throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        // JSON, and no source IP; on admin calls the organiser's sub (never the email).
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            route: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            caller: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });
    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const route of routes) {
      const target = deployed.get(route.function);
      if (!target)
        throw new Error(
          `route ${route.method} ${route.path} names ${route.function}, which is not a function`,
        );
      let integration = integrations.get(route.function);
      if (!integration) {
        integration = new HttpLambdaIntegration(`Integration-${route.function}`, target.fn);
        integrations.set(route.function, integration);
      }
      const [added] = this.httpApi.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration,
        ...(route.access === 'admin' ? { authorizer: adminAuthorizer } : {}),
      });
      if (route.access === 'public' && added) acknowledgePublicRoute(added, route);
    }
  }
}

function acknowledgePublicRoute(route: apigw.HttpRoute, def: RouteDef) {
  acknowledge(route, [
    {
      id: 'AwsSolutions-APIG4',
      reason: `${def.method} ${def.path} is public by design (${def.summary}); only /admin/* routes need an organizer's sign-in.`,
    },
  ]);
}
