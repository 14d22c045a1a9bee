-- Generated: an ApplicationSet is as healthy as its slowest generated Application.
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
