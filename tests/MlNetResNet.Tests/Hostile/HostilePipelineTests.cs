using Microsoft.ML;
using MlNetResNet.Pipelines;
using MlNetResNet.Pipelines.Synthetic;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Hostile;

/// <summary>The ready-made pipeline on a folder salted with the corpus (32 px, one epoch: seconds).</summary>
public class HostilePipelineTests
{
    private static ResNetClassifierOptions TinyOptions(InvalidImagePolicy policy) => new()
    {
        Architecture = ResNetArchitecture.ResNet18, Epochs = 1, ImageSize = 32, BatchSize = 8, Seed = 3, NumberOfThreads = 2,
        InvalidImages = policy,
    };

    [Fact]
    public void TrainFromFolder_leaves_out_and_lists_every_refused_file_and_the_model_refuses_them_when_scoring()
    {
        using var temp = new TempFolder("hostile-pipeline");
        string data = temp.File("flowers");
        SyntheticFlowerGenerator.Generate(data, new SyntheticFlowerOptions { TrainPerClass = 3, ValidationPerClass = 1, ImageSize = 36 });
        var cases = HostileCorpus.Write(temp.File("corpus"))
            .Where(c => c.Name.EndsWith(".png") || c.Name.EndsWith(".jpg") || c.Name.EndsWith(".gif") || c.Name.EndsWith(".bmp") || c.Name.EndsWith(".webp"))
            .ToList();
        var copies = cases.Select(c => Path.Combine(data, "train", "roses", "hostile-" + c.Name)).ToList();
        foreach (var (hostile, copy) in cases.Zip(copies)) File.Copy(hostile.Path, copy);

        var ml = new MLContext(seed: 1);
        using var model = ImageClassificationPipeline.TrainFromFolder(ml, data, TinyOptions(InvalidImagePolicy.Skip));

        Assert.Equal(copies.Order(), model.RefusedImages.Select(r => r.ImagePath).Order());
        foreach (var (hostile, copy) in cases.Zip(copies))
            Assert.Contains(hostile.ExpectedProblem, model.RefusedImages.Single(r => r.ImagePath == copy).Reason);

        var bomb = copies[cases.FindIndex(c => c.Name == "png-bomb-30000.png")];
        var (error, elapsed, allocated, growth) = RefusalBudget.Measure(() =>
            Assert.Throws<InvalidImageException>(() => model.Predict([bomb])));
        Assert.Contains(bomb, error.Message);
        RefusalBudget.AssertWithin(elapsed, allocated, growth, "Predict refusing the PNG bomb");

        var refusedInTraining = Assert.Throws<InvalidImageException>(() =>
            ImageClassificationPipeline.TrainFromFolder(new MLContext(seed: 1), data, TinyOptions(InvalidImagePolicy.Throw)));
        Assert.Contains("InvalidImages = Throw", refusedInTraining.Message);
        Assert.Contains(copies.Order(StringComparer.Ordinal).First(), refusedInTraining.Message);
    }
}
