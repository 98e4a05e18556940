using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Export;
using MlNetResNet.Tests.Onnx;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Export;

/// <summary>ML.NET's OnnxTransformer reads the exported graph: column "Score", class names as slot names.</summary>
public class OnnxExportMlNetTests
{
    private const int Size = 40;

    private sealed class PixelRow
    {
        [VectorType(3 * Size * Size)]
        public float[] Pixels { get; set; } = Array.Empty<float>();
    }

    [Fact]
    public void ApplyOnnxModelGivesScoreWithClassNamesAsSlotNames()
    {
        string[] classes = { "circle", "square", "triangle" };
        using var net = ExportTestNets.Create(ResNetArchitecture.ResNet18, classes: 3, seed: 21);
        var bytes = ResNetOnnxExporter.ExportToBytes(net, new OnnxExportOptions { InputSize = Size, CropSize = 32, ClassNames = classes });
        var rows = Enumerable.Range(0, 2).Select(i => new PixelRow { Pixels = ExportTestNets.RawPixels(1, Size, seed: 30 + i) }).ToArray();

        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows);
        // A file, not a stream: ML.NET copies a stream to a temp file it never deletes.
        using var folder = new TempFolder();
        string modelFile = folder.File("model.onnx");
        File.WriteAllBytes(modelFile, bytes);
        using var transformer = ml.Transforms.ApplyOnnxModel(modelFile).Fit(data);
        var scored = transformer.Transform(data);

        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        scored.Schema["Score"].GetSlotNames(ref slotNames);
        Assert.Equal(classes, slotNames.DenseValues().Select(n => n.ToString()));

        var scores = scored.GetColumn<float[]>("Score").ToArray();
        using var runner = new OnnxRuntimeRunner(bytes);
        for (int i = 0; i < rows.Length; i++)
        {
            var expected = runner.RunSingle("Pixels", rows[i].Pixels, new long[] { 1, 3, Size, Size }, "Score.output");
            Assert.Equal(3, scores[i].Length);
            Assert.True(ExportTestNets.MaxAbsDiff(expected, scores[i]) <= 1e-6f);
        }
    }
}
