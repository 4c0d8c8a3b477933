// Defaults otherwise: the baseline is what any Next app of this version ships. The build goes
// beside the console's own (.next-*), where git, lint and tsc already look away.
const nextConfig = { poweredByHeader: false, distDir: "../../.next-empty-app" };

export default nextConfig;
