// Sign-in: the organisers' Cognito user pool (email as the username, invited by an
// operator, no self sign-up, a strong password policy, TOTP MFA: required in prod), its
// `organizers` group, the app client the console signs in with (authorization code with
// PKCE, and USER_PASSWORD_AUTH for `npm run admin`), the managed-login domain, and the
// JWT authorizer API Gateway runs on every /admin/* route. docs/sign-in.md has the flow.

import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ORGANIZERS_GROUP } from '../../shared/auth/claims.ts';
import { ID_TOKEN_MINUTES, REFRESH_TOKEN_HOURS } from '../../shared/auth/lifetimes.ts';
import type { DeployConfig } from '../config.ts';
import { acknowledge } from '../nag.ts';
import { physicalName } from './names.ts';

export const CALLBACK_PATH = '/console/auth/callback';
export const SIGNED_OUT_PATH = '/console/auth/signed-out';

export class SignIn {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  /** https://cognito-idp.<region>.amazonaws.com/<pool id>: the `iss` of every token. */
  readonly issuer: string;
  readonly authorizer: HttpJwtAuthorizer;

  constructor(
    private readonly stack: Stack,
    private readonly config: DeployConfig,
    /** Where the console is: the public base URL, or the API's own. */
    baseUrl: string,
  ) {
    const prod = config.stage === 'prod';
    this.userPool = new cognito.UserPool(stack, 'Organizers', {
      userPoolName: physicalName(config, 'organizers'),
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      signInAliases: { email: true, username: false },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      selfSignUpEnabled: false,
      userInvitation: {
        emailSubject: 'Your account for the organiser console',
        emailBody: `You are invited to the organiser console of Wikimedia Community User Group Pakistan. Sign in at ${baseUrl}/console/ with the email {username} and this temporary password: {####} . You will choose your own password and set up an authenticator app.`,
      },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
        passwordHistorySize: 5,
      },
      mfa: config.signIn.mfa === 'required' ? cognito.Mfa.REQUIRED : cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    acknowledge(this.userPool, [
      {
        id: 'AwsSolutions-COG8',
        reason:
          'The Plus feature plan (threat protection) is paid per user; the pool holds a few invited volunteers, with TOTP MFA and a 14-character password policy, on Essentials.',
      },
      ...(prod
        ? []
        : [
            {
              id: 'AwsSolutions-COG2',
              reason:
                'dev only: MFA is optional so test accounts can be made quickly; prod requires TOTP MFA (infra/config.ts, asserted in test/infra/stacks.test.ts).',
            },
          ]),
    ]);

    new cognito.CfnUserPoolGroup(stack, 'OrganizersGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: ORGANIZERS_GROUP,
      description: 'May use the organiser console and every /admin/* route',
    });

    this.client = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: physicalName(config, 'console'),
      // A public client: the secret would sit in a browser or on an operator's disk.
      generateSecret: false,
      // USER_PASSWORD_AUTH is for `npm run admin` (the password goes over TLS to Cognito,
      // which then asks for the TOTP code); the console uses the code flow only.
      authFlows: { userPassword: true, userSrp: false, custom: false, adminUserPassword: false },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: [`${baseUrl}${CALLBACK_PATH}`],
        logoutUrls: [`${baseUrl}${SIGNED_OUT_PATH}`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      idTokenValidity: Duration.minutes(ID_TOKEN_MINUTES),
      accessTokenValidity: Duration.minutes(ID_TOKEN_MINUTES),
      refreshTokenValidity: Duration.hours(REFRESH_TOKEN_HOURS),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({
        email: true,
        emailVerified: true,
      }),
      writeAttributes: new cognito.ClientAttributes(),
    });

    this.domain = this.userPool.addDomain('SignInDomain', {
      cognitoDomain: { domainPrefix: config.signIn.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Managed login shows nothing for a client without a style; Cognito's own will do.
    new cognito.CfnManagedLoginBranding(stack, 'SignInBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    // The `iss` of the pool's tokens; the pool's ProviderURL attribute has no scheme.
    this.issuer = `https://cognito-idp.${stack.region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.authorizer = new HttpJwtAuthorizer('OrganizerJwt', this.issuer, {
      authorizerName: 'organizers',
      jwtAudience: [this.client.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
  }

  /** The settings console-auth reads (shared/config.ts). */
  get environment(): Record<string, string> {
    return { AUTH_DOMAIN: this.domain.baseUrl(), AUTH_CLIENT_ID: this.client.userPoolClientId };
  }

  /** Operators may invite organisers (create users, add them to the group) in this pool, and nothing else. */
  invitePolicy(): iam.ManagedPolicy {
    const principals = this.config.adminPrincipals;
    return new iam.ManagedPolicy(this.stack, 'InviteOrganizers', {
      managedPolicyName: physicalName(this.config, 'invite-organizers'),
      description: 'Invite organisers to the affiliate compliance user pool (npm run admin -- invite)',
      statements: [
        new iam.PolicyStatement({
          actions: [
            'cognito-idp:AdminCreateUser',
            'cognito-idp:AdminAddUserToGroup',
            'cognito-idp:AdminGetUser',
            'cognito-idp:AdminListGroupsForUser',
          ],
          resources: [this.userPool.userPoolArn],
        }),
      ],
      roles: principals
        .filter((arn) => arn.includes(':role/'))
        .map((arn, i) => iam.Role.fromRoleArn(this.stack, `AdminRole${i}`, arn, { mutable: false })),
      users: principals
        .filter((arn) => arn.includes(':user/'))
        .map((arn, i) => iam.User.fromUserArn(this.stack, `AdminUser${i}`, arn)),
    });
  }
}
