/** Runs one offer per key at a time: a second failure while the first offer is open adds nothing. */
export class OfferOnce {
  private readonly open = new Set<string>();

  async run(key: string, offer: () => Promise<void>): Promise<void> {
    if (this.open.has(key)) return;
    this.open.add(key);
    try {
      await offer();
    } finally {
      this.open.delete(key);
    }
  }
}
