/** Re-runs `check` until it stops throwing or `timeout` ms pass; then throws its last error. Never a fixed sleep. */
export async function eventually<T>(check: () => T | Promise<T>, { timeout = 5000, interval = 15 } = {}): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
}
