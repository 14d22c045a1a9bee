/**
 * Argo CD health checks (Lua) the tree relies on. Argo CD 1.8 dropped the health assessment of
 * `argoproj.io/Application`, so without the first one sync waves between Applications gate
 * nothing: a child counts as healthy the moment it exists.
 */

/** Healthy only when the child Application reports Healthy *and* Synced. */
export const APPLICATION_HEALTH_LUA = `-- Generated: wave gating for app-of-apps (Application health was removed in Argo CD 1.8).
local hs = { status = "Progressing", message = "waiting for the Application to report health" }
if obj.status ~= nil and obj.status.health ~= nil and obj.status.health.status ~= nil then
  hs.status = obj.status.health.status
  if obj.status.health.message ~= nil then
    hs.message = obj.status.health.message
  else
    hs.message = ""
  end
  -- A Healthy app that has not synced the latest revision yet must still hold the next wave.
  if hs.status == "Healthy" and obj.status.sync ~= nil and obj.status.sync.status ~= "Synced" then
    hs.status = "Progressing"
    hs.message = "healthy but not yet synced"
  end
end
return hs
`;

/**
 * An ApplicationSet is healthy when every Application it generated is. With Progressive Syncs the
 * controller lists them in status.applicationStatus; without it, status.resources still carries
 * each generated Application's health. This lets app-of-apps waves gate on sets.
 */
export const APPLICATIONSET_HEALTH_LUA = `-- Generated: an ApplicationSet is as healthy as its slowest generated Application.
local hs = { status = "Progressing", message = "waiting for generated Applications" }
if obj.status == nil then
  return hs
end
if obj.status.conditions ~= nil then
  for _, c in ipairs(obj.status.conditions) do
    if c.type == "ErrorOccurred" and c.status == "True" then
      return { status = "Degraded", message = c.message or "ApplicationSet error" }
    end
  end
end
if obj.status.applicationStatus ~= nil then
  for _, a in ipairs(obj.status.applicationStatus) do
    if a.status ~= "Healthy" then
      return { status = "Progressing", message = a.application .. " is " .. (a.status or "unknown") }
    end
  end
  return { status = "Healthy", message = "all generated Applications are healthy" }
end
if obj.status.resources ~= nil then
  for _, r in ipairs(obj.status.resources) do
    if r.health == nil or r.health.status ~= "Healthy" then
      return { status = "Progressing", message = r.name .. " is not healthy yet" }
    end
  end
  return { status = "Healthy", message = "all generated Applications are healthy" }
end
return hs
`;

/** trust-manager reports a Synced condition once the target ConfigMaps are written. */
export const BUNDLE_HEALTH_LUA = `-- Generated: trust-manager Bundle is healthy once its target ConfigMaps are written.
local hs = { status = "Progressing", message = "waiting for trust-manager to sync the Bundle" }
if obj.status ~= nil and obj.status.conditions ~= nil then
  for _, c in ipairs(obj.status.conditions) do
    if c.type == "Synced" then
      if c.status == "True" then
        return { status = "Healthy", message = c.message or "synced" }
      elseif c.status == "False" then
        return { status = "Degraded", message = c.message or "not synced" }
      end
    end
  end
end
return hs
`;

/** ECK reports Kibana's health as green/yellow/red once its pods are up. */
export const KIBANA_HEALTH_LUA = `-- Generated: ECK Kibana is healthy when the operator reports it green.
local hs = { status = "Progressing", message = "waiting for Kibana to become green" }
if obj.status ~= nil and obj.status.health ~= nil then
  if obj.status.health == "green" then
    return { status = "Healthy", message = "green" }
  elseif obj.status.health == "red" then
    return { status = "Degraded", message = "red" }
  end
  hs.message = "health is " .. obj.status.health
end
return hs
`;

/**
 * Health checks for custom resources Argo CD ships none for, keyed `<group>/<Kind>`. The renderer
 * adds one to argocd-cm whenever the tree holds an object of that kind, so a wave boundary after
 * it waits for the object to be ready.
 */
export const CUSTOM_HEALTH_CHECKS: Readonly<Record<string, string>> = {
  'trust.cert-manager.io/Bundle': BUNDLE_HEALTH_LUA,
  'kibana.k8s.elastic.co/Kibana': KIBANA_HEALTH_LUA,
};

/** The argocd-cm key of a health check for a group and kind. */
export function healthKey(group: string, kind: string): string {
  return `resource.customizations.health.${group}_${kind}`;
}
