<#-- The Java part of THIRD-PARTY.md: one table row per runtime dependency of the jar (see README "Licence"). -->
<#function licenceCell licences>
    <#assign result = ""/>
    <#list licences as licence>
        <#assign result = result + (licence?index == 0)?then("", "; ") + licence/>
    </#list>
    <#return (result == "")?then("Unknown license", result)>
</#function>
## Java: what the jar runs with (${dependencyMap?size} dependencies)

Several licences in one row: the dependency offers each (dual licensing).

| dependency | version | licence(s) |
|---|---|---|
<#list dependencyMap as e>
<#assign p = e.getKey()/>
| ${(p.name?index_of('Unnamed') > -1)?then(p.artifactId, p.name)} (`${p.groupId}:${p.artifactId}`) | ${p.version} | ${licenceCell(e.getValue())} |
</#list>
