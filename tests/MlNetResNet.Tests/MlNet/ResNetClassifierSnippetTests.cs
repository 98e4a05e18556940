using System.Xml.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit.Abstractions;

namespace MlNetResNet.Tests.MlNet;

/// <summary>The snippet end to end: fit, evaluate, save, and load in a plain ML.NET app.</summary>
[Collection(ShapesClassifierCollection.Name)]
public class ResNetClassifierSnippetTests(ShapesClassifierFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void SnippetReachesNinetyPercentAndTheConfusionTableNamesTheClasses()
    {
        var metrics = fixture.Ml.MulticlassClassification.Evaluate(fixture.Scored);
        string table = metrics.ConfusionMatrix.GetFormattedConfusionTable();
        output.WriteLine($"fit {fixture.FitSeconds:F1} s, test micro-accuracy {metrics.MicroAccuracy:F4}, best epoch {fixture.Classifier.BestEpoch}");
        foreach (var epoch in fixture.Classifier.TrainingHistory)
            output.WriteLine(epoch.ToString());
        output.WriteLine(table);

        Assert.True(metrics.MicroAccuracy >= 0.9,
            $"accuracy {metrics.MicroAccuracy:F3} after {fixture.FitSeconds:F0} s of fitting\n{table}");
        Assert.All(ShapeImages.Classes, name => Assert.Contains(name, table));
    }

    [Fact]
    public void OutputColumnsAreScoreWithClassSlotNamesAndAKeyPredictedLabel()
    {
        var schema = fixture.Scored.Schema;
        var score = schema[ResNetColumnNames.Score];
        var predicted = schema[ResNetColumnNames.PredictedLabel];

        Assert.Equal(3, Assert.IsType<VectorDataViewType>(score.Type).Size);
        Assert.Equal(ShapeImages.Classes, Names(score, "SlotNames"));
        Assert.Equal(3UL, Assert.IsType<KeyDataViewType>(predicted.Type).Count);
        Assert.Equal(ShapeImages.Classes, Names(predicted, "KeyValues"));
        // The helper columns of the scoring chain do not leak into the output.
        Assert.DoesNotContain(schema, c => c.Name.StartsWith("ResNetClassifier.", StringComparison.Ordinal));
        // Probabilities, and PredictedLabel is their arg-max.
        foreach (var (probabilities, key) in Scores(fixture.Scored).Zip(fixture.Scored.GetColumn<uint>(ResNetColumnNames.PredictedLabel)))
        {
            Assert.Equal(1.0, probabilities.Sum(), 4);
            Assert.Equal(Array.IndexOf(probabilities, probabilities.Max()) + 1, (int)key);
        }
    }

    [Fact]
    public void TransformerReportsItsTraining()
    {
        var classifier = fixture.Classifier;

        Assert.Equal(ShapeImages.Classes, classifier.ClassNames);
        Assert.Equal(ResNetArchitecture.ResNet18, classifier.Architecture);
        Assert.Equal(Enumerable.Range(1, ShapesClassifierFixture.Epochs), classifier.TrainingHistory.Select(m => m.Epoch));
        Assert.InRange(classifier.BestEpoch, 1, ShapesClassifierFixture.Epochs);
        Assert.Equal(classifier.TrainingHistory.Max(m => m.ValidationAccuracy),
            classifier.TrainingHistory[classifier.BestEpoch - 1].ValidationAccuracy);
        Assert.Empty(classifier.SkippedImages);
        Assert.False(classifier.TrainingCancelled);
    }

    [Fact]
    public void SavedModelScoresTheSameInAProcessThatReferencesOnlyMlNet()
    {
        string modelPath = fixture.Folder.File("model.zip");
        fixture.Ml.Model.Save(fixture.Model, fixture.Train.Schema, modelPath);

        var consumer = ModelConsumerProcess.Run(modelPath, fixture.TestRows, fixture.Folder.Path);

        var inProcess = Scores(fixture.Scored);
        var inProcessLabels = fixture.Scored.GetColumn<uint>(ResNetColumnNames.PredictedLabel).ToArray();
        Assert.Equal(inProcess.Length, consumer.Transform.Count);
        Assert.Equal(inProcess.Length, consumer.PredictionEngine.Count);
        for (int row = 0; row < inProcess.Length; row++)
        {
            foreach (var loaded in new[] { consumer.Transform[row], consumer.PredictionEngine[row] })
            {
                Assert.Equal(inProcess[row].Length, loaded.Score.Length);
                for (int slot = 0; slot < inProcess[row].Length; slot++)
                    Assert.True(Math.Abs(inProcess[row][slot] - loaded.Score[slot]) <= 1e-5,
                        $"row {row} slot {slot}: in-process {inProcess[row][slot]}, loaded {loaded.Score[slot]}");
                Assert.Equal(inProcessLabels[row], loaded.PredictedLabel);
            }
        }
        Assert.Equal(ShapeImages.Classes, consumer.ScoreSlotNames);
        Assert.Equal(ShapeImages.Classes, consumer.PredictedLabelKeyValues);
        Assert.All(ShapeImages.Classes, name => Assert.Contains(name, consumer.ConfusionTable));
        Assert.Equal(fixture.Ml.MulticlassClassification.Evaluate(fixture.Scored).MicroAccuracy, consumer.MicroAccuracy, 6);
    }

    [Fact]
    public void TheConsumerAppReferencesNothingButMlNetPackages()
    {
        string project = Path.Combine(ModelConsumerProcess.RepoRoot(), "tests", "ModelConsumer", "ModelConsumer.csproj");
        var document = XDocument.Load(project);
        var packages = document.Descendants("PackageReference").Select(p => (string)p.Attribute("Include")!).Order();

        Assert.Equal(["Microsoft.ML", "Microsoft.ML.ImageAnalytics", "Microsoft.ML.OnnxRuntime", "Microsoft.ML.OnnxTransformer"], packages);
        Assert.Empty(document.Descendants("ProjectReference"));
        var assemblies = Directory.GetFiles(ModelConsumerProcess.OutputFolder, "*.dll").Select(Path.GetFileName);
        Assert.DoesNotContain(assemblies, a => a!.StartsWith("MlNetResNet", StringComparison.Ordinal) || a.StartsWith("TorchSharp", StringComparison.Ordinal));
    }

    [Fact]
    public void ExportedOnnxGivesTheScoresOfTheTransformer()
    {
        using var onnx = new MemoryStream();
        fixture.Classifier.ExportOnnx(onnx);
        // The graph takes what ML.NET's ResizeImages + ExtractPixels give: ResizeSize² RGB planar floats 0..255.
        var pixels = fixture.Ml.Transforms.ResizeImages("Resized", 32, 32, "Image")
            .Append(fixture.Ml.Transforms.ExtractPixels("Pixels", "Resized"))
            .Fit(fixture.Scored).Transform(fixture.Scored);
        var inputs = pixels.GetColumn<float[]>("Pixels").ToArray();
        var expected = Scores(fixture.Scored);

        using var session = new InferenceSession(onnx.ToArray());
        var tensor = new DenseTensor<float>(inputs.SelectMany(p => p).ToArray(), [inputs.Length, 3, 32, 32]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("Pixels", tensor)], ["Score.output"]);
        var scores = results[0].AsTensor<float>().ToArray();
        for (int row = 0; row < expected.Length; row++)
            for (int slot = 0; slot < 3; slot++)
                Assert.Equal(expected[row][slot], scores[row * 3 + slot], 5);
    }

    internal static float[][] Scores(IDataView scored) => scored.GetColumn<float[]>(ResNetColumnNames.Score).ToArray();

    private static string[] Names(DataViewSchema.Column column, string kind)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.Annotations.GetValue(kind, ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }
}
