// The shapes every HTTP handler sees: API Gateway HTTP API payload format 2.0, with the
// IAM authorizer's identity on admin routes. The local server builds the same shape.

import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';

export type HttpEvent = Omit<APIGatewayProxyEventV2WithIAMAuthorizer, 'requestContext'> & {
  requestContext: Omit<APIGatewayProxyEventV2WithIAMAuthorizer['requestContext'], 'authorizer'> & {
    authorizer?: Partial<APIGatewayProxyEventV2WithIAMAuthorizer['requestContext']['authorizer']>;
  };
};

export interface HttpResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

// Kept assignable to what API Gateway accepts.
export type _Check = HttpResult extends APIGatewayProxyResultV2 ? true : never;
