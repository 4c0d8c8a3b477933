import type { createActionClient } from "@/lib/guard/actions";
import {
  deleteCertificateSchema,
  fetchChainSchema,
  saveFetchedChainSchema,
  uploadIdentitySchema,
  uploadTrustSchema,
} from "@/lib/validations/certificates";
import { previewFetchedChain, saveFetchedChain, uploadIdentityCertificate, uploadTrustCertificate } from "./certificates";
import { deleteCertificate } from "./store";

/**
 * Uploads arrive as an object holding File values (React sends it as multipart form data) or as a
 * FormData from a plain form post; both reach the same schema. A file input left empty posts an
 * unnamed zero-byte file, which means "no file".
 */
export function fromFormData(raw: unknown): unknown {
  if (!(raw instanceof FormData)) return raw;
  const entries = [...raw.entries()].filter(([, value]) => !(value instanceof File && value.name === "" && value.size === 0));
  return Object.fromEntries(entries);
}

type Action = (raw: unknown) => Promise<unknown>;
const acceptingFormData = <A extends Action>(act: A) => ((raw: unknown) => act(fromFormData(raw))) as A;

/**
 * Certificate actions: schema + handler, composed with an action client. Only tenant administrators
 * change certificates (and only they may make the console connect somewhere); support staff read the pages.
 */
export function certificateActions(client: ReturnType<typeof createActionClient>) {
  return {
    uploadTrust: acceptingFormData(client.tenant(uploadTrustSchema, ["tenant_admin"], uploadTrustCertificate)),
    uploadIdentity: acceptingFormData(client.tenant(uploadIdentitySchema, ["tenant_admin"], uploadIdentityCertificate)),
    previewFromUrl: client.tenant(fetchChainSchema, ["tenant_admin"], previewFetchedChain),
    saveFromUrl: client.tenant(saveFetchedChainSchema, ["tenant_admin"], saveFetchedChain),
    deleteCertificate: client.tenant(deleteCertificateSchema, ["tenant_admin"], deleteCertificate),
  };
}
