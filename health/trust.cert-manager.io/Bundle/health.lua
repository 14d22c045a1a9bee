-- Generated: trust-manager Bundle is healthy once its target ConfigMaps are written.
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
