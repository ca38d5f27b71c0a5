/** What the command line already supplies, so that validation does not warn about it. */
export interface ValidationContext {
  /** Containers whose image --image replaces. Default: none. */
  imageOverrides?: ReadonlySet<string>;
  /** True when --service-name (or the project file) names services that have no serviceName. Default: false. */
  serviceNameGiven?: boolean;
}
