import { generateKey } from "@/lib/crypto/secrets";

// Integration tests encrypt secrets like the running console does; each test process gets its own key.
process.env.SECRETS_KEY ||= generateKey();
