using MlNetResNet.Serving;

// dotnet run --project src/Serving -- --model model.zip [--port 8080] [--name NAME] [--max-batch 16] [--max-delay-ms 5]
var app = ServingHost.Build(args);
await app.RunAsync();
