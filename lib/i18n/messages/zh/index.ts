import core from "./core.json";
import apiApps from "./apiApps.json";
import audit from "./audit.json";
import certificates from "./certificates.json";
import channelActivity from "./channelActivity.json";
import channelIntegration from "./channelIntegration.json";
import channelList from "./channelList.json";
import channels from "./channels.json";
import channelWizard from "./channelWizard.json";
import connectionCheck from "./connectionCheck.json";
import exportFile from "./exportFile.json";
import exports from "./exports.json";
import ous from "./ous.json";
import overview from "./overview.json";
import providerTools from "./providerTools.json";
import schedule from "./schedule.json";
import secretGrace from "./secretGrace.json";
import serviceTime from "./serviceTime.json";
import skillQueues from "./skillQueues.json";
import testMessage from "./testMessage.json";
import trustlist from "./trustlist.json";

// One file per feature namespace, so features are translated (and edited) independently.
const messages = { ...core, apiApps, audit, certificates, channelActivity, channelIntegration, channelList, channels, channelWizard, connectionCheck, exportFile, exports, ous, overview, providerTools, schedule, secretGrace, serviceTime, skillQueues, testMessage, trustlist };

export default messages;
