// The shapes every HTTP handler sees: API Gateway HTTP API payload format 2.0. On admin
// routes API Gateway's JWT authorizer has checked the Cognito token and put its claims
// in requestContext.authorizer.jwt.claims; the local server builds the same shape.

import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';

type JwtEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/**
 * A JWT claim as API Gateway's JWT authorizer hands it to the function: it writes every
 * value as a string (numbers, booleans, and arrays as "[a b]"); the type allows the raw
 * JSON forms too, so code that reads claims copes with either.
 */
export type ClaimValue = JwtEvent['requestContext']['authorizer']['jwt']['claims'][string];

export type HttpEvent = Omit<JwtEvent, 'requestContext'> & {
  requestContext: Omit<JwtEvent['requestContext'], 'authorizer'> & {
    /** Present on admin routes only (the JWT authorizer runs on those). */
    authorizer?: JwtEvent['requestContext']['authorizer'];
  };
};

export interface HttpResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
  /** Set-Cookie values, one per cookie (payload 2.0 keeps them apart from the headers). */
  cookies?: string[];
}

// Kept assignable to what API Gateway accepts.
export type _Check = HttpResult extends APIGatewayProxyResultV2 ? true : never;
