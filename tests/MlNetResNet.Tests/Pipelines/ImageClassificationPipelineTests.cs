using Microsoft.ML;
using Microsoft.ML.Runtime;
using MlNetResNet.Pipelines;
using MlNetResNet.Pipelines.Synthetic;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Pipelines;

/// <summary>The ready-made pipeline end to end on a tiny synthetic set (small images, one epoch: seconds, not accuracy).</summary>
public class ImageClassificationPipelineTests
{
    private static ResNetClassifierOptions TinyOptions() => new()
    {
        Architecture = ResNetArchitecture.ResNet18, Epochs = 1, ImageSize = 32, BatchSize = 8, Seed = 3, NumberOfThreads = 2,
    };

    [Fact]
    public void TrainsFromAFolderSavesLoadsAndPredictsTheSameProbabilities()
    {
        using var temp = new TempFolder();
        string data = temp.File("flower_data");
        SyntheticFlowerGenerator.Generate(data, new SyntheticFlowerOptions { TrainPerClass = 4, ValidationPerClass = 2, ImageSize = 40 });
        var ml = new MLContext(seed: 1);
        var log = new List<string>();
        ml.Log += (_, entry) =>
        {
            if (entry.Source.StartsWith(ResNetClassifierLog.SourceName, StringComparison.Ordinal) && entry.Kind == ChannelMessageKind.Info)
                log.Add(entry.Message);
        };

        var model = ImageClassificationPipeline.TrainFromFolder(ml, data, TinyOptions());

        Assert.Equal(SyntheticFlowerOptions.ClassNames, model.ClassNames);
        Assert.NotNull(model.Classifier);
        Assert.Single(model.Classifier!.TrainingHistory);
        // The pipeline holds the MLContext, so the trainer's log reaches MLContext.Log: the resolved Auto choices, once.
        Assert.Single(log);
        Assert.EndsWith($"ResNetTrainer resolved: {model.Classifier.ResolvedChoices}", log[0]);

        var validation = TrainingFolders.Resolve(data).Validation;
        var before = ScoredDataReader.Evaluate(model.Score(validation));
        model.Save(temp.File("model.zip"));
        using var loaded = ImageClassifierModel.Load(new MLContext(seed: 2), temp.File("model.zip"));
        var after = ScoredDataReader.Evaluate(loaded.Score(validation));

        Assert.Equal(model.ClassNames, loaded.ClassNames);
        var summary = TrainingSummaryEntry.Read(temp.File("model.zip"));
        Assert.Equal(model.ClassNames, summary.ClassNames);
        Assert.Equal(model.Classifier.TrainingHistory, summary.History);
        Assert.Equal(before.MicroAccuracy, after.MicroAccuracy);
        Assert.Equal(before.LogLoss, after.LogLoss, 4);
        Assert.Null(loaded.Classifier);

        var images = validation.Rows.Take(3).Select(row => row.ImagePath).ToList();
        var predictions = loaded.Predict(images);
        Assert.Equal(images, predictions.Select(p => p.ImagePath));
        Assert.All(predictions, p =>
        {
            Assert.Equal(5, p.Probabilities.Count);
            Assert.Equal(1.0, p.Probabilities.Sum(), 4);
        });
        var inProcess = model.Predict(images);
        for (int i = 0; i < images.Count; i++)
        for (int c = 0; c < 5; c++)
            Assert.Equal(inProcess[i].Probabilities[c], predictions[i].Probabilities[c], 5);
    }

    [Fact]
    public void LoadingACorruptModelNamesTheFile()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("model.zip"), "not a zip");
        var error = Assert.Throws<InvalidDataException>(() => ImageClassifierModel.Load(new MLContext(), temp.File("model.zip")));
        Assert.Contains("model.zip", error.Message);
        Assert.Throws<FileNotFoundException>(() => ImageClassifierModel.Load(new MLContext(), temp.File("missing.zip")));
    }
}
