import core from "./core.json";
import apiApps from "./apiApps.json";
import audit from "./audit.json";
import certificates from "./certificates.json";
import ous from "./ous.json";
import serviceTime from "./serviceTime.json";
import skillQueues from "./skillQueues.json";
import trustlist from "./trustlist.json";

// One file per feature namespace, so features are translated (and edited) independently.
const messages = { ...core, apiApps, audit, certificates, ous, serviceTime, skillQueues, trustlist };

export default messages;
