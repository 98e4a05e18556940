using Microsoft.ML;
using MlNetResNet.Pipelines;
using MlNetResNet.Pipelines.Synthetic;
using MlNetResNet.Tests.Support;
using SixLabors.ImageSharp;
using Xunit.Abstractions;

namespace MlNetResNet.Tests.Explaining;

/// <summary>
/// Grad-CAM on the synthetic flowers, whose generator knows where it painted each flower head: a briefly trained model
/// (ImageNet ResNet-18, head only, 224 px: layer4 is 7×7 there) must put most of its heatmap on the flowers of the
/// images it gets right. At 128 px (4×4) the mean share was 0.53: the upsampled map is too coarse for boxes of 50-90 px.
/// </summary>
public sealed class GradCamTests(ITestOutputHelper output) : IDisposable
{
    private const int Size = 224;
    private readonly TempFolder folder = new("mlnetresnet-gradcam");

    [Fact]
    public void TheHeatmapOfACorrectPredictionLiesMostlyInsideTheFlowersBoundingBoxes()
    {
        string root = folder.File("flowers");
        Write(root, "train", perClass: 8, seedBase: 1000);
        var validation = Write(root, "val", perClass: 6, seedBase: 2000);
        string modelPath = folder.File("model.zip");
        using (var model = ImageClassificationPipeline.TrainFromFolder(new MLContext(seed: 1), root, new ResNetClassifierOptions
        {
            Architecture = ResNetArchitecture.ResNet18,
            Pretrained = PretrainedWeights.ImageNet,
            FineTuning = FineTuningMode.HeadOnly,
            ImageSize = Size,
            ResizeSize = Size,
            BatchSize = 16,
            Device = ComputeDevice.Cpu,
            Seed = 1,
        }))
        {
            model.Save(modelPath);
        }

        using var explainer = GradCamExplainer.Load(modelPath);
        long tensorsBefore = TorchSharp.torch.Tensor.TotalCount;
        var inside = new List<double>();
        var boxArea = new List<double>();
        foreach (var (path, kind, bounds) in validation)
        {
            var explanation = explainer.Explain(path, trueClass: kind);
            Assert.Equal(kind, explanation.TrueClass);
            Assert.NotNull(explanation.TrueHeatmap);
            Assert.Equal(1, explanation.Probabilities.Sum(), 3);
            if (explanation.PredictedClass != kind) continue;
            inside.Add(MassInside(explanation.PredictedHeatmap, bounds));
            boxArea.Add(MassInside(Enumerable.Repeat(1f, Size * Size).ToList(), bounds));
        }
        Assert.Equal(tensorsBefore, TorchSharp.torch.Tensor.TotalCount);

        output.WriteLine($"{inside.Count} of {validation.Count} validation images predicted correctly");
        output.WriteLine($"heatmap mass inside the flower boxes: mean {inside.Average():F3}, median {Median(inside):F3}, min {inside.Min():F3}; " +
                         $"the boxes cover {boxArea.Average():F3} of the image on average (a flat heatmap's share)");
        Assert.True(inside.Count >= validation.Count / 2, $"only {inside.Count} of {validation.Count} right: the model did not learn");
        Assert.True(inside.Average() > 0.6, $"mean heatmap mass inside the boxes {inside.Average():F3}");
        Assert.True(inside.Average() > boxArea.Average() + 0.1, "no better than a flat heatmap");
    }

    [Fact]
    public void WriteHeatmapDrawsOnePanelForTheTruePredictionAndTwoForAWrongOne()
    {
        string root = folder.File("flowers");
        var images = Write(root, "val", perClass: 1, seedBase: 3000);
        var ml = new MLContext(seed: 1);
        string modelPath = folder.File("tiny.zip");
        Write(root, "train", perClass: 2, seedBase: 3100);
        using (var model = ImageClassificationPipeline.TrainFromFolder(ml, root, new ResNetClassifierOptions
        {
            Epochs = 1, ImageSize = 32, ResizeSize = 32, BatchSize = 4, Device = ComputeDevice.Cpu, Seed = 1,
        }))
        {
            model.Save(modelPath);
        }
        using var explainer = GradCamExplainer.Load(modelPath);
        var (path, kind, _) = images[0];
        Assert.Equal(kind, explainer.ClassOfFolder(path));
        var (explanation, png) = explainer.WriteHeatmap(path, folder.File("explain"), explainer.ClassOfFolder(path));
        using var written = Image.Load(png);
        int panels = explanation.PredictedClass == kind ? 1 : 2;
        Assert.Equal((panels * 224, 224), (written.Width, written.Height));
        var error = Assert.Throws<ArgumentException>(() => explainer.Explain(path, "orchids"));
        Assert.Contains("daisy", error.Message);
    }

    private static double MassInside(IReadOnlyList<float> heatmap, IReadOnlyList<FlowerBounds> bounds)
    {
        double inside = 0, total = 0;
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                float value = heatmap[y * Size + x];
                total += value;
                if (bounds.Any(box => box.Contains(x + 0.5f, y + 0.5f))) inside += value;
            }
        }
        return total > 0 ? inside / total : 0;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    // PNG, so that the pixels the boxes refer to are the pixels the model reads.
    private static List<(string Path, string Kind, List<FlowerBounds> Bounds)> Write(string root, string split, int perClass, int seedBase)
    {
        var written = new List<(string, string, List<FlowerBounds>)>();
        foreach (string kind in SyntheticFlowerOptions.ClassNames)
        {
            string classFolder = Path.Combine(root, split, kind);
            Directory.CreateDirectory(classFolder);
            for (int i = 0; i < perClass; i++)
            {
                var bounds = new List<FlowerBounds>();
                using var image = SyntheticFlowerGenerator.Draw(kind, Size, seedBase + 97 * written.Count, bounds);
                string path = Path.Combine(classFolder, $"{kind}_{i:D3}.png");
                image.SaveAsPng(path);
                written.Add((path, kind, bounds));
            }
        }
        return written;
    }

    public void Dispose() => folder.Dispose();
}
