import { SelectOptions } from "@/components/forms/select-options";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

interface TenantFilterProps {
  tenants: { id: string; name: string }[];
  /** The tenant the list shows now; none for all tenants. */
  tenantId?: string;
  /** In the page's own words: the select's label, its "all tenants" choice and the button. */
  labels: { label: string; all: string; submit: string };
}

/** A system list's tenant filter: a plain GET form, so it works without JavaScript and the URL keeps the choice. */
export function TenantFilter({ tenants, tenantId, labels }: TenantFilterProps) {
  return (
    <form method="get" className="mb-4 flex items-end gap-2">
      <div className="grid gap-1.5">
        <Label htmlFor="filter-tenant">{labels.label}</Label>
        <Select id="filter-tenant" name="tenantId" defaultValue={tenantId ?? ""} className="w-64">
          <SelectOptions options={[{ value: "", label: labels.all }, ...tenants.map((tenant) => ({ value: tenant.id, label: tenant.name }))]} />
        </Select>
      </div>
      <Button type="submit" variant="outline">
        {labels.submit}
      </Button>
    </form>
  );
}
