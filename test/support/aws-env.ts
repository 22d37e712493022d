// The environment of a deployed function, as the CDK stack sets it; for tests of what
// differs outside the local stage (no AWS call is made with it).
/** What the CDK stack sets for a deployed function (infra/stateless-stack.ts). */
export function awsEnvironment(): Record<string, string> {
  return {
    STAGE: 'dev',
    AWS_REGION: 'eu-west-1',
    PUBLIC_BASE_URL: 'https://api.example.org',
    MAIL_FROM: 'noreply@example.org',
    ORGANIZERS_EMAIL: 'organizers@example.org',
    WIKIMEDIA_L_EMAIL: 'wikimedia-l@example.org',
    SCHEDULER_MODE: 'aws',
    SCHEDULE_GROUP: 'g',
    SCHEDULER_ROLE_ARN: 'arn:aws:iam::1:role/r',
    LIFECYCLE_FUNCTION_ARN: 'arn:aws:lambda:eu-west-1:1:function:x-lifecycle',
    SCHEDULER_DLQ_ARN: 'arn:aws:sqs:eu-west-1:1:q',
    CNIC_HMAC_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:cnic',
    REPORT_LINK_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:link',
    UPLOADS_BUCKET: 'affiliate-compliance-dev-uploads',
  };
}
