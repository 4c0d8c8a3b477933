"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { CHAT_LANGUAGES } from "@/lib/validations/channels/limits";
import type { ChannelVariant } from "@/lib/validations/channels/information";
import { TelegramPortNotice } from "@/components/channels/provider/telegram-port-notice";
import { apiAppHint, AppKeyList, BaseUrlField, CertificateField, TokenValidityField } from "./shared-fields";
import { useWizardSettings } from "./wizard-context";
import { SecretField, SelectInputField, TextInputField } from "./wizard-fields";
import { followedCloudApiBaseUrl, type InformationValues } from "./wizard-values";

/*
 * Step 1's provider settings, one group per variant, in the order of the product spec
 * ("Channel model"). Labels are the vendor's; the help text says where each value comes from.
 */

const PHONE_PLACEHOLDER = "+8613912345678";

function useLabels() {
  const t = useTranslations("channelWizard");
  return { label: (field: string) => t(`labels.${field}` as never), help: (group: string, field: string) => t(`help.${group}.${field}` as never) };
}

export function InfobipFields() {
  const { label, help } = useLabels();
  return (
    <>
      <TextInputField name="phoneNumber" type="tel" label={label("phoneNumber")} description={help("infobip", "phoneNumber")} placeholder={PHONE_PLACEHOLDER} />
      <TextInputField name="userName" label={label("userName")} description={help("infobip", "userName")} />
      <SecretField name="password" label={label("password")} description={help("infobip", "password")} />
      <BaseUrlField description={help("infobip", "baseUrl")} placeholder="https://xxxxx.api.infobip.com/" />
      <SecretField name="accountKey" label={label("accountKey")} description={help("infobip", "accountKey")} />
      <SecretField name="webhookPassword" label={label("webhookPassword")} description={help("infobip", "webhookPassword")} />
      <CertificateField kind="trust" description={help("common", "trustCertificate")} />
      <CertificateField kind="identity" optional description={help("common", "identityCertificateOptional")} />
    </>
  );
}

export function OtherBasicFields() {
  const { label, help } = useLabels();
  return (
    <>
      <TextInputField name="phoneNumber" type="tel" label={label("phoneNumber")} description={help("other", "phoneNumber")} placeholder={PHONE_PLACEHOLDER} />
      <TextInputField name="userName" label={label("userName")} description={help("other", "userName")} />
      <SecretField name="password" label={label("password")} description={help("other", "password")} />
      <BaseUrlField description={help("other", "baseUrl")} />
      <SecretField name="authenticationKey" label={label("authenticationKey")} description={help("other", "authenticationKey")} />
      <SecretField name="webhookPassword" label={label("webhookPassword")} description={help("other", "webhookPassword")} />
      <CertificateField kind="trust" description={help("common", "trustCertificate")} />
      <CertificateField kind="identity" description={help("common", "identityCertificate")} />
    </>
  );
}

export function OtherOAuthFields() {
  const { label, help } = useLabels();
  const { options } = useWizardSettings();
  const t = useTranslations("channelWizard");
  return (
    <>
      <TextInputField name="userName" label={label("userName")} description={apiAppHint(t, help("oAuth", "userName"), options.apiApps.oAuth)} list="oauth-app-keys" />
      <AppKeyList id="oauth-app-keys" apps={options.apiApps.oAuth} />
      <SecretField name="password" label={label("password")} description={help("oAuth", "password")} />
      <BaseUrlField description={help("oAuth", "baseUrl")} placeholder="https://203.0.113.10:8443/apiaccess/rest/ccmessaging" />
      <SecretField name="webhookPassword" label={label("webhookPassword")} description={help("other", "webhookPassword")} />
      <CertificateField kind="trust" description={help("common", "trustCertificate")} />
    </>
  );
}

export function CloudApiFields() {
  const { label, help } = useLabels();
  const { control, getValues, setValue } = useFormContext<InformationValues>();
  const phoneNumberId = useWatch({ control, name: "phoneNumberId" }) ?? "";
  const previous = useRef(phoneNumberId);
  // BaseUrl follows the Phone number ID until the administrator makes it their own.
  useEffect(() => {
    const next = followedCloudApiBaseUrl(getValues("baseUrl") ?? "", previous.current, phoneNumberId);
    previous.current = phoneNumberId;
    if (next !== null) setValue("baseUrl", next);
  }, [phoneNumberId, getValues, setValue]);
  return (
    <>
      <TextInputField name="appKey" label={label("appKey")} description={help("cloudApi", "appKey")} inputMode="numeric" />
      <SecretField name="appSecret" label={label("appSecret")} description={help("cloudApi", "appSecret")} />
      <TextInputField name="phoneNumber" type="tel" label={label("phoneNumber")} description={help("cloudApi", "phoneNumber")} placeholder={PHONE_PLACEHOLDER} />
      <TextInputField name="phoneNumberId" label={label("phoneNumberId")} description={help("cloudApi", "phoneNumberId")} inputMode="numeric" />
      <TextInputField name="wabaId" label={label("wabaId")} description={help("cloudApi", "wabaId")} inputMode="numeric" />
      <BaseUrlField description={help("cloudApi", "baseUrl")} />
      <SecretField name="accessToken" label={label("accessToken")} description={help("cloudApi", "accessToken")} />
      <TokenValidityField />
      <CertificateField kind="trust" description={help("cloudApi", "trustCertificate")} />
      <CertificateField kind="identity" optional description={help("common", "identityCertificateOptional")} />
    </>
  );
}

export function TwilioFields() {
  const { label, help } = useLabels();
  const tc = useTranslations("channels.chatLanguages");
  return (
    <>
      <TextInputField name="phoneNumber" type="tel" label={label("phoneNumber")} description={help("twilio", "phoneNumber")} placeholder={PHONE_PLACEHOLDER} />
      <TextInputField
        name="confirmationPhoneNumber"
        type="tel"
        label={label("confirmationPhoneNumber")}
        description={help("twilio", "confirmationPhoneNumber")}
        placeholder={PHONE_PLACEHOLDER}
      />
      <TextInputField name="accountSid" label={label("accountSid")} description={help("twilio", "accountSid")} placeholder="AC…" />
      <SecretField name="authToken" label={label("authToken")} description={help("twilio", "authToken")} />
      <SelectInputField
        name="chatLanguage"
        label={label("chatLanguage")}
        description={help("twilio", "chatLanguage")}
        options={CHAT_LANGUAGES.map((language) => ({ value: language, label: tc(language) }))}
      />
    </>
  );
}

export function TelegramFields() {
  const { label, help } = useLabels();
  const { options } = useWizardSettings();
  const t = useTranslations("channelWizard");
  return (
    <>
      <TextInputField name="appKey" label={label("appKey")} description={apiAppHint(t, help("telegram", "appKey"), options.apiApps.telegram)} list="telegram-app-keys" />
      <AppKeyList id="telegram-app-keys" apps={options.apiApps.telegram} />
      <SecretField name="appSecret" label={label("appSecret")} description={help("telegram", "appSecret")} />
      <BaseUrlField description={help("telegram", "baseUrl")} placeholder="https://203.0.113.10:8443" />
      <TelegramPortNotice />
      <CertificateField kind="trust" description={help("common", "trustCertificate")} />
      <CertificateField kind="identity" description={help("common", "identityCertificate")} />
      <SecretField name="botToken" label={label("botToken")} description={help("telegram", "botToken")} />
    </>
  );
}

function Group({ variant }: { variant: ChannelVariant }) {
  switch (variant) {
    case "infobip":
      return <InfobipFields />;
    case "other-basic":
      return <OtherBasicFields />;
    case "other-oAuth":
      return <OtherOAuthFields />;
    case "cloud-api":
      return <CloudApiFields />;
    case "twilio":
      return <TwilioFields />;
    case "telegram":
      return <TelegramFields />;
  }
}

export function ProviderFields({ variant }: { variant: ChannelVariant }) {
  return (
    <div className="grid gap-4 md:grid-cols-2" data-testid={`provider-fields-${variant}`}>
      <Group variant={variant} />
    </div>
  );
}
