using MlNetResNet.Tests.Onnx;
using MlNetResNet.Weights.ImageNet;

namespace MlNetResNet.Tests.ImageNet;

/// <summary>ONNX Runtime running ML.NET's original ResNetPreprocess.onnx and ResNet18.onnx, as DnnImageFeaturizer does.</summary>
internal sealed class ImageNetReference : IDisposable
{
    private readonly OnnxRuntimeRunner preprocess = new(ImageNetWeights.DefaultPreprocessingPath);
    private readonly OnnxRuntimeRunner network = new(ImageNetWeights.DefaultModelPath);

    /// <summary>The preprocessed tensor (BGR minus mean image) for RGB planar 0..255 pixels [3, 224, 224].</summary>
    public float[] Preprocess(float[] rgb) =>
        preprocess.RunSingle(Single(preprocess), rgb, new long[] { 1, 3, 224, 224 }, OutputOf(preprocess));

    /// <summary>The 512 pooled features of the original graph.</summary>
    public float[] Features(float[] rgb) =>
        network.RunSingle(Single(network), Preprocess(rgb), new long[] { 1, 3, 224, 224 }, OutputOf(network));

    /// <summary>The 512 pooled features of the original graph for an already preprocessed tensor.</summary>
    public float[] FeaturesOfPreprocessed(float[] preprocessed) =>
        network.RunSingle(Single(network), preprocessed, new long[] { 1, 3, 224, 224 }, OutputOf(network));

    private static string Single(OnnxRuntimeRunner runner) => runner.Session.InputMetadata.Keys.Single();

    private static string OutputOf(OnnxRuntimeRunner runner) => runner.Session.OutputMetadata.Keys.Single();

    public void Dispose()
    {
        preprocess.Dispose();
        network.Dispose();
    }
}
