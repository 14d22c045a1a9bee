-- Generated: ECK Kibana is healthy when the operator reports it green.
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
