using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetResNet.Tests.MlNet;

/// <summary>Estimator conformance: schema before Fit, Fit, Save, Load in a fresh context, identical outputs.</summary>
[Collection(ShapesClassifierCollection.Name)]
public class ConformanceTests(ShapesClassifierFixture fixture)
{
    [Fact]
    public void SchemaPromisedBeforeFitIsTheFittedSchema()
    {
        var keyed = fixture.Ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(fixture.Ml.Transforms.LoadImages("Image", fixture.ImageFolder, "ImagePath"))
            .Fit(fixture.Train).Transform(fixture.Train);
        var promised = fixture.Ml.Transforms.ResNetClassifier(ShapesClassifierFixture.Options()).GetOutputSchema(ShapeOf(keyed.Schema));
        var fitted = ShapeOf(fixture.Classifier.GetOutputSchema(keyed.Schema));

        Assert.Equal(fitted.Select(c => c.Name).Order(), promised.Select(c => c.Name).Order());
        foreach (var column in fitted)
        {
            var before = promised.Single(c => c.Name == column.Name);
            Assert.Equal((column.Kind, column.ItemType, column.IsKey), (before.Kind, before.ItemType, before.IsKey));
            // Every annotation the fitted column has was promised (the promise may list more for Score).
            Assert.All(column.Annotations, a => Assert.Contains(before.Annotations, b => b.Name == a.Name));
        }
    }

    [Fact]
    public void SaveThenLoadInAFreshContextGivesTheSameOutputs()
    {
        using var stream = new MemoryStream();
        fixture.Ml.Model.Save(fixture.Model, fixture.Train.Schema, stream);
        stream.Position = 0;

        var fresh = new MLContext(seed: 7);
        var loaded = fresh.Model.Load(stream, out var inputSchema);
        using var loadedResources = loaded as IDisposable;
        var reloaded = loaded.Transform(fresh.Data.LoadFromEnumerable(fixture.TestRows));

        Assert.Equal(fixture.Train.Schema.Select(c => c.Name), inputSchema.Select(c => c.Name));
        Assert.DoesNotContain(Parts(loaded), part => part.GetType().Assembly == typeof(ResNetClassifierTransformer).Assembly);
        var before = ResNetClassifierSnippetTests.Scores(fixture.Scored);
        var after = ResNetClassifierSnippetTests.Scores(reloaded);
        for (int row = 0; row < before.Length; row++)
            for (int slot = 0; slot < before[row].Length; slot++)
                Assert.Equal(before[row][slot], after[row][slot], 5);
        Assert.Equal(fixture.Scored.GetColumn<uint>("PredictedLabel"), reloaded.GetColumn<uint>("PredictedLabel"));
        Assert.Equal(fixture.Scored.Schema.Where(c => !c.IsHidden).Select(c => (c.Name, c.Type)),
            reloaded.Schema.Where(c => !c.IsHidden).Select(c => (c.Name, c.Type)));
    }

    [Fact]
    public void PredictionEngineOnTheFittedModelMatchesTransform()
    {
        using var engine = fixture.Ml.Model.CreatePredictionEngine<ShapeRow, Prediction>(fixture.Model);
        var batched = ResNetClassifierSnippetTests.Scores(fixture.Scored);
        for (int row = 0; row < fixture.TestRows.Count; row++)
        {
            var single = engine.Predict(fixture.TestRows[row]);
            for (int slot = 0; slot < 3; slot++)
                Assert.Equal(batched[row][slot], single.Score[slot], 5);
            Assert.Equal(Array.IndexOf(single.Score, single.Score.Max()) + 1, (int)single.PredictedLabel);
        }
    }

    public sealed class Prediction
    {
        public uint PredictedLabel { get; set; }
        public float[] Score { get; set; } = [];
    }

    // ML.NET builds SchemaShapes only internally (SchemaShape.Create); estimator tests need one from a schema.
    internal static SchemaShape ShapeOf(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", BindingFlags.Static | BindingFlags.NonPublic, [typeof(DataViewSchema)])!
            .Invoke(null, [schema])!;

    private static IEnumerable<ITransformer> Parts(ITransformer transformer) => transformer is IEnumerable<ITransformer> chain
        ? chain.SelectMany(Parts).Prepend(transformer)
        : [transformer];
}
