"use server";

import { certificateActions } from "@/lib/certificates/actions";
import { action } from "@/lib/guard";

const actions = certificateActions(action);

export async function uploadTrustCertificateAction(input: unknown) {
  return actions.uploadTrust(input);
}

export async function uploadIdentityCertificateAction(input: unknown) {
  return actions.uploadIdentity(input);
}

export async function previewCertificateChainAction(input: unknown) {
  return actions.previewFromUrl(input);
}

export async function saveFetchedCertificateAction(input: unknown) {
  return actions.saveFromUrl(input);
}

export async function deleteCertificateAction(input: unknown) {
  return actions.deleteCertificate(input);
}
