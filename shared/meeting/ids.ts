const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A fresh random id (16 base-36 characters); Web Crypto exists in browsers and Node alike. */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let id = "";
  for (const b of bytes) id += ALPHABET[b % 36];
  return id;
}

/** Ids arrive from users and files: letters, digits, '-' and '_' only, so they are safe in keys and URLs. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
