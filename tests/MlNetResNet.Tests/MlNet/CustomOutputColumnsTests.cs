using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.MlNet;

/// <summary>
/// One tiny fit through <c>MulticlassClassification.Trainers.ResNet</c> with output columns named "Probabilities" and
/// "Guess": the names reach the fitted transformer, Evaluate, model.zip, a fresh context and an app that references only
/// ML.NET, which also loads the file with the training summary entry added.
/// </summary>
public sealed class CustomOutputColumnsFixture : IDisposable
{
    public const string ScoreName = "Probabilities";
    public const string PredictedName = "Guess";

    public CustomOutputColumnsFixture()
    {
        string images = Folder.File("images");
        TrainRows = ShapeImages.Write(images, perClass: 4, seed: 11);
        TestRows = ShapeImages.Write(images, perClass: 2, seed: 12);
        Train = Ml.Data.LoadFromEnumerable(TrainRows);
        var options = TinyClassifier.Options();
        options.ScoreColumnName = ScoreName;
        options.PredictedLabelColumnName = PredictedName;
        options.Log = Log.Add;
        Estimator = Ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(Ml.Transforms.LoadImages("Image", images, "ImagePath"))
            .Append(Ml.MulticlassClassification.Trainers.ResNet(options));
        Model = Estimator.Fit(Train);
        Scored = Model.Transform(Ml.Data.LoadFromEnumerable(TestRows));
    }

    public TempFolder Folder { get; } = new("mlnetresnet-columns");
    public MLContext Ml { get; } = new(seed: 1);
    public List<ShapeRow> TrainRows { get; }
    public List<ShapeRow> TestRows { get; }
    public IDataView Train { get; }
    public List<string> Log { get; } = [];
    public EstimatorChain<ResNetClassifierTransformer> Estimator { get; }
    public TransformerChain<ResNetClassifierTransformer> Model { get; }
    public IDataView Scored { get; }

    public void Dispose()
    {
        Model.LastTransformer.Dispose();
        Folder.Dispose();
    }
}

public class CustomOutputColumnsTests(CustomOutputColumnsFixture fixture) : IClassFixture<CustomOutputColumnsFixture>
{
    private const string ScoreName = CustomOutputColumnsFixture.ScoreName;
    private const string PredictedName = CustomOutputColumnsFixture.PredictedName;

    [Fact]
    public void TheFittedModelWritesTheNamedColumnsAndNotTheDefaultOnes()
    {
        var visible = fixture.Scored.Schema.Where(c => !c.IsHidden).Select(c => c.Name).ToList();

        Assert.Contains(ScoreName, visible);
        Assert.Contains(PredictedName, visible);
        Assert.DoesNotContain("Score", visible);
        Assert.DoesNotContain("PredictedLabel", visible);
        Assert.Equal(ShapeImages.Classes, SlotNames(fixture.Scored.Schema[ScoreName]));
        Assert.True(fixture.Scored.Schema[PredictedName].Type is KeyDataViewType);
        var promised = fixture.Estimator.GetOutputSchema(ConformanceTests.ShapeOf(fixture.Train.Schema));
        Assert.Equal(visible.Order(), promised.Select(c => c.Name).Order());
    }

    [Fact]
    public void EvaluateReadsTheNamedColumns()
    {
        var metrics = fixture.Ml.MulticlassClassification.Evaluate(fixture.Scored, scoreColumnName: ScoreName,
            predictedLabelColumnName: PredictedName);

        var predicted = fixture.Scored.GetColumn<uint>(PredictedName).ToArray();
        var truth = fixture.Scored.GetColumn<uint>("Label").ToArray();
        Assert.Equal(predicted.Zip(truth).Count(pair => pair.First == pair.Second) / (double)truth.Length, metrics.MicroAccuracy, 9);
        Assert.Contains("circle", metrics.ConfusionMatrix.GetFormattedConfusionTable());
    }

    [Fact]
    public void SavedModelKeepsTheNamesInAFreshContextAndInAnAppThatReferencesOnlyMlNet()
    {
        string modelPath = fixture.Folder.File("model.zip");
        fixture.Ml.Model.Save(fixture.Model, fixture.Train.Schema, modelPath);
        TrainingSummaryEntry.Write(modelPath, fixture.Model);

        var fresh = new MLContext(seed: 3);
        var loaded = fresh.Model.Load(modelPath, out _);
        using (loaded as IDisposable)
        {
            var reloaded = loaded.Transform(fresh.Data.LoadFromEnumerable(fixture.TestRows));
            Assert.Equal(fixture.Scored.GetColumn<uint>(PredictedName), reloaded.GetColumn<uint>(PredictedName));
            Assert.Equal(ShapeImages.Classes, SlotNames(reloaded.Schema[ScoreName]));
            Assert.Null(reloaded.Schema.GetColumnOrNull("Score"));
        }
        var consumer = ModelConsumerProcess.Run(modelPath, fixture.TestRows, fixture.Folder.Path, ScoreName, PredictedName);

        Assert.Equal(fixture.Scored.GetColumn<uint>(PredictedName), consumer.Transform.Select(p => p.PredictedLabel));
        Assert.Equal(fixture.Scored.GetColumn<uint>(PredictedName), consumer.PredictionEngine.Select(p => p.PredictedLabel));
        Assert.Equal(ShapeImages.Classes, consumer.ScoreSlotNames);
        Assert.Equal(ShapeImages.Classes, consumer.PredictedLabelKeyValues);
    }

    [Fact]
    public void TheTrainingSummaryEntryGivesBackClassNamesHistoryAndResolvedChoices()
    {
        string modelPath = fixture.Folder.File("summary.zip");
        fixture.Ml.Model.Save(fixture.Model, fixture.Train.Schema, modelPath);
        var error = Assert.Throws<InvalidDataException>(() => TrainingSummaryEntry.Read(modelPath));
        Assert.Contains(TrainingSummaryEntry.EntryName, error.Message);

        TrainingSummaryEntry.Write(modelPath, fixture.Model);
        TrainingSummaryEntry.Write(modelPath, fixture.Model);   // a second write replaces the entry
        var summary = TrainingSummaryEntry.Read(modelPath);

        var classifier = fixture.Model.LastTransformer;
        Assert.Equal(classifier.ClassNames, summary.ClassNames);
        Assert.Equal(classifier.Architecture, summary.Architecture);
        Assert.Equal(classifier.BestEpoch, summary.BestEpoch);
        Assert.Equal(classifier.TrainingHistory, summary.History);
        Assert.Equal(classifier.ResolvedChoices, summary.Resolved);
        Assert.Equal((ScoreName, PredictedName), (summary.ScoreColumnName, summary.PredictedLabelColumnName));
        using var zip = ZipFile.OpenRead(modelPath);
        Assert.Single(zip.Entries, entry => entry.FullName == TrainingSummaryEntry.EntryName);
    }

    [Fact]
    public void TheResolvedAutoChoicesAreReportedOnceInTheLogAndOnTheTransformer()
    {
        var resolved = fixture.Model.LastTransformer.ResolvedChoices;

        // TinyClassifier: Cpu, Float32, Layout Auto at 32 px on a CPU (channels-first below 128 px), 2 threads.
        Assert.Equal(new ResolvedChoices(ComputeDevice.Cpu, TrainingPrecision.Float32, TensorLayout.ChannelsFirst, 2,
            Math.Max(1, Environment.ProcessorCount / 2)), resolved);
        Assert.Equal([$"ResNetTrainer resolved: {resolved}"], fixture.Log);
    }

    private static List<string> SlotNames(DataViewSchema.Column column)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetSlotNames(ref names);
        return names.DenseValues().Select(name => name.ToString()).ToList();
    }
}
