namespace MlNetResNet.Pipelines; internal static class Placeholder {}
