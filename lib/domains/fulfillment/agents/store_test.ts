import { loadKnowledgeBase } from "../knowledge.ts";
import { agentStoreContract } from "./_store_contract.ts";
import { MemoryAgentStore } from "./store.ts";

Deno.test("MemoryAgentStore satisfies the AgentStore contract", async () => {
  await agentStoreContract(() => Promise.resolve(new MemoryAgentStore()), await loadKnowledgeBase());
});
