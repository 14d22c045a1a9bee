-- Generated: wave gating for app-of-apps (Application health was removed in Argo CD 1.8).
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
