import type { Config } from "tailwindcss";

export default {
  content: ["./src/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#f0f7f4",
          100: "#d9ede3",
          500: "#2f8a62",
          600: "#1f6e4c",
          700: "#17573c",
          900: "#0c2e20",
        },
      },
    },
  },
} satisfies Config;
