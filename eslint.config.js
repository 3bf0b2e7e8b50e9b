import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";
import prettier from "eslint-config-prettier";
import reactHooks from "eslint-plugin-react-hooks";

// shared/ is the model both sides load: it may use only platform-neutral libraries,
// never Node, the DOM, or code from server/ or client/. client/ and server/ never
// import each other.
const neutralOnly = {
  patterns: [
    { group: ["**/server/**", "**/client/**"], message: "shared/ must not import from server/ or client/." },
    {
      group: ["node:*", "fs", "path", "http", "express", "ws", "socket.io", "react", "react-dom", "lowdb"],
      message: "shared/ is platform-neutral: no Node or DOM libraries.",
    },
  ],
};

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "data/**", "coverage/**", ".tmp/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  { files: ["client/public/sw.js"], languageOptions: { globals: globals.serviceworker } },
  { files: ["shared/**/*.ts"], rules: { "no-restricted-imports": ["error", neutralOnly] } },
  {
    files: ["client/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/server/**"], message: "client/ must not import from server/." }] }],
    },
  },
  // The hooks rules (and the compiler's checks of purity during render) for the React app; a
  // missing dependency is an error, since a stale closure there shows a colleague's old text.
  {
    files: ["client/**/*.{ts,tsx}"],
    ...reactHooks.configs.flat.recommended,
    rules: { ...reactHooks.configs.flat.recommended.rules, "react-hooks/exhaustive-deps": "error" },
  },
  {
    files: ["server/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/client/**"], message: "server/ must not import from client/." }] }],
    },
  },
  // Layout is prettier's (npm run format); eslint keeps to what it can judge.
  prettier,
);
