// The route table: every function and route of the system, gathered from one file per
// feature. Nothing else lists routes.

import { applicationFunctions, applicationRoutes } from './applications.ts';
import { consoleFunctions, consoleRoutes } from './console.ts';
import { lifecycleFunctions, lifecycleRoutes } from './lifecycle.ts';
import { mailFunctions, mailRoutes } from './mail.ts';
import { platformFunctions, platformRoutes } from './platform.ts';
import { reportFunctions, reportRoutes } from './reports.ts';
import { signInFunctions, signInRoutes } from './sign-in.ts';
import type { FunctionDef, RouteDef } from './types.ts';
import { uploadFunctions, uploadRoutes } from './uploads.ts';

export type { FunctionDef, Method, RouteDef } from './types.ts';

export const functions: FunctionDef[] = [
  ...platformFunctions,
  ...applicationFunctions,
  ...mailFunctions,
  ...reportFunctions,
  ...lifecycleFunctions,
  ...signInFunctions,
  ...uploadFunctions,
  ...consoleFunctions,
];

export const routes: RouteDef[] = [
  ...platformRoutes,
  ...applicationRoutes,
  ...mailRoutes,
  ...reportRoutes,
  ...lifecycleRoutes,
  ...signInRoutes,
  ...uploadRoutes,
  ...consoleRoutes,
];

export function functionDef(name: string): FunctionDef {
  const def = functions.find((f) => f.name === name);
  if (!def) throw new Error(`no function named ${name} in the route table`);
  return def;
}
