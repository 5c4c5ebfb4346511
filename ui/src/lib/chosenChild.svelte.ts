// Which child the record screens are about, remembered for this session only (never stored),
// so moving between Plan, Delivery, Contact log and Chronology keeps the same child.
let id = $state<string | null>(null);

export const chosenChild = {
  get id(): string | null {
    return id;
  },
  set id(value: string | null) {
    id = value;
  },
};
