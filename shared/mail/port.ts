// What the domain needs to send an email. SES v2 implements it (ses.ts).

export interface OutgoingEmail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  replyTo?: string[];
  /** Small labels for SES event routing and metrics, e.g. { kind: "expiry_notice" }. */
  tags?: Record<string, string>;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}
