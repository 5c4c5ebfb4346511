// How the contact log talks about direction, which reads differently for each kind of contact.
import type { CorrespondenceKind } from '../../lib/bindings/CorrespondenceKind';
import type { Direction } from '../../lib/bindings/Direction';

export function directionWords(kind: CorrespondenceKind, direction: Direction): string {
  const incoming = direction === 'in';
  switch (kind) {
    case 'call':
      return incoming ? 'They called us' : 'We called them';
    case 'meeting':
      return incoming ? 'They asked to meet' : 'We asked to meet';
    default:
      return incoming ? 'We received it' : 'We sent it';
  }
}

export function isSpoken(kind: CorrespondenceKind): boolean {
  return kind === 'call' || kind === 'meeting';
}
