// 台账通 — Azure deployment: Function App (Linux, Node 20, Consumption plan), Storage account (Table
// Storage for the data, Blob for seal scans, and the Functions host's own storage), Application Insights.
// Deploy: az deployment group create -g <rg> -f infra/main.bicep -p addinOrigin=https://… entraTenantId=… entraAudience=… officeAdmins=…
targetScope = 'resourceGroup'

@description('Short name prefix for the resources (lower-case letters and digits).')
@minLength(3)
@maxLength(11)
param prefix string = 'taizhang'

param location string = resourceGroup().location

@description('Origin of the Excel add-in (where its task pane is hosted), allowed by CORS.')
param addinOrigin string

@description('Microsoft Entra tenant id whose tokens the API accepts.')
param entraTenantId string

@description('Audience of the add-in\'s tokens: the API app registration\'s Application ID URI (api://…) or client id.')
param entraAudience string

@description('Comma-separated user ids (UPNs; letter case does not matter) who are office staff for every campaign.')
param officeAdmins string

var suffix = uniqueString(resourceGroup().id)
var storageName = take('${prefix}${suffix}', 24)
var appName = '${prefix}-func-${suffix}'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: 30 }
  }
}

resource seals 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: 'seals'
  properties: { publicAccess: 'None' }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${prefix}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 90
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${prefix}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${prefix}-plan-${suffix}'
  location: location
  sku: { name: 'Y1', tier: 'Dynamic' }
  kind: 'functionapp'
  properties: { reserved: true } // Linux
}

var storageConnection = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

resource functionApp 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'Node|20'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      cors: {
        allowedOrigins: [ addinOrigin ]
        supportCredentials: false
      }
      appSettings: [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'node' }
        { name: 'AzureWebJobsStorage', value: storageConnection }
        { name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING', value: storageConnection }
        { name: 'WEBSITE_CONTENTSHARE', value: toLower(appName) }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        // glibc gives each thread (the work pool's workers) its own malloc arenas; two keep the archive's
        // peak RSS ~40 MB lower (bench/paper.ts measures with it)
        { name: 'MALLOC_ARENA_MAX', value: '2' }
        // A young generation of 4 MB semi-spaces (Node's default grows to 16): scavenged more often, so
        // the buffers a streamed archive passes through are freed sooner; ~50 MB less peak RSS over 500
        // units at the same speed (bench/paper.ts runs its archive with these two settings, read from here)
        { name: 'NODE_OPTIONS', value: '--max-semi-space-size=4' }
        { name: 'STORAGE_CONNECTION_STRING', value: storageConnection }
        { name: 'SEAL_CONTAINER', value: seals.name }
        { name: 'AUTH_MODE', value: 'entra' }
        { name: 'ENTRA_TENANT_ID', value: entraTenantId }
        { name: 'ENTRA_AUDIENCE', value: entraAudience }
        { name: 'OFFICE_ADMINS', value: officeAdmins }
        { name: 'CORS_ORIGINS', value: addinOrigin }
      ]
    }
  }
}

output functionAppName string = functionApp.name
output apiBaseUrl string = 'https://${functionApp.properties.defaultHostName}/api'
output storageAccountName string = storage.name
