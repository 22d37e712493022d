// Credentials for the local emulators, which accept any key. Never used in AWS.
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
