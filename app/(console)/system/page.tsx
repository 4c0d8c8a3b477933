import { redirect } from "next/navigation";

export default function SystemPage() {
  redirect("/system/tenants");
}
