// Recovery keys are typed back from paper, so be forgiving: any case, spaces or dashes anywhere.
// The result is the grouped form Carefile shows ("ABCD-EFGH-…"), which Rust accepts.
export function normaliseRecoveryKey(typed: string): string {
  const plain = typed.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return (plain.match(/.{1,4}/g) ?? []).join('-');
}
