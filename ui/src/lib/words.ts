// Small helpers for saying things in British English.

export function minutes(n: number): string {
  return n === 1 ? '1 minute' : `${n} minutes`;
}

export function idleLockMessage(idleMinutes: number): string {
  return `Carefile locked itself after ${minutes(idleMinutes)} without use. Type your passphrase to carry on.`;
}
