using Microsoft.ML;

namespace MlNetResNet.Tests.MlNet;

/// <summary>Output column names and the trainers-catalog alias, checked without training.</summary>
public class OutputColumnOptionsTests
{
    private static readonly MLContext Ml = new(seed: 1);

    private static SchemaShape LabelAndImage()
    {
        var rows = Ml.Data.LoadFromEnumerable([new ShapeRow { ImagePath = "a.png", Label = "a" }, new ShapeRow { ImagePath = "b.png", Label = "b" }]);
        var keyed = Ml.Transforms.Conversion.MapValueToKey("Label").Append(Ml.Transforms.LoadImages("Image", null, "ImagePath"));
        return keyed.GetOutputSchema(ConformanceTests.ShapeOf(rows.Schema));
    }

    [Fact]
    public void SwappedNamesSwapTheColumnKinds()
    {
        var shape = Ml.Transforms.ResNetClassifier(new ResNetClassifierOptions { ScoreColumnName = "PredictedLabel", PredictedLabelColumnName = "Score" })
            .GetOutputSchema(LabelAndImage());

        var score = shape.Single(c => c.Name == "PredictedLabel");
        var predicted = shape.Single(c => c.Name == "Score");
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, score.Kind);
        Assert.True(predicted.IsKey);
        Assert.Equal(SchemaShape.Column.VectorKind.Scalar, predicted.Kind);
    }

    [Theory]
    [InlineData("", "PredictedLabel", "ScoreColumnName")]
    [InlineData("Score", " ", "PredictedLabelColumnName")]
    [InlineData("Same", "Same", "PredictedLabelColumnName")]
    [InlineData("ResNetClassifier.Pixels", "PredictedLabel", "ScoreColumnName")]
    public void AnUnusableOutputNameIsRefusedWhenTheEstimatorIsCreated(string score, string predicted, string named)
    {
        var options = new ResNetClassifierOptions { ScoreColumnName = score, PredictedLabelColumnName = predicted };

        var error = Assert.Throws<ArgumentException>(() => Ml.Transforms.ResNetClassifier(options));

        Assert.Equal(named, error.ParamName);
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void TheTrainersAliasBuildsTheSameEstimatorAsTheTransformsCatalog()
    {
        var viaTransforms = Ml.Transforms.ResNetClassifier("Label", "Image", scoreColumnName: "S", predictedLabelColumnName: "P")
            .GetOutputSchema(LabelAndImage());
        var viaTrainers = Ml.MulticlassClassification.Trainers.ResNet(new ResNetClassifierOptions
            {
                LabelColumnName = "Label", ImageColumnName = "Image", ScoreColumnName = "S", PredictedLabelColumnName = "P",
            })
            .GetOutputSchema(LabelAndImage());

        Assert.Equal(viaTransforms.Select(c => (c.Name, c.Kind, c.IsKey)), viaTrainers.Select(c => (c.Name, c.Kind, c.IsKey)));
        Assert.Contains(viaTrainers, c => c.Name == "S");
        Assert.Contains(viaTrainers, c => c.Name == "P");
    }

    [Fact]
    public void ChangingTheCallersOptionsAfterCreatingTheEstimatorDoesNotReachIt()
    {
        var options = new ResNetClassifierOptions();
        var estimator = Ml.Transforms.ResNetClassifier(options);
        options.ScoreColumnName = "Changed";

        Assert.Contains(estimator.GetOutputSchema(LabelAndImage()), c => c.Name == "Score");
    }
}
