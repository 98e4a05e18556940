using Microsoft.ML;
using MlNetResNet.Demo.Cli;
using MlNetResNet.Demo.Drawing;
using MlNetResNet.Demo.Output;
using MlNetResNet.Pipelines.IO;
using MlNetResNet.Pipelines;
using MlNetResNet.Pipelines.Scoring;

namespace MlNetResNet.Demo.Runs;

/// <summary><c>predict</c>: every class's probability for each image (scored by the fast loader), optionally annotated copies.</summary>
internal static class PredictRun
{
    public static int Run(PredictRequest request)
    {
        // Every file is checked before the model is even loaded: a hostile file costs one header walk, never a decode.
        foreach (string image in request.Images)
        {
            if (!File.Exists(image)) throw new FileNotFoundException($"Image '{image}' does not exist.", image);
            var verdict = ImageFileGuard.Inspect(image);
            if (!verdict.IsAccepted) throw new InvalidDataException(verdict.Reason);
        }
        using var model = ModelZipScorer.Load(new MLContext(seed: 1), request.Model);
        var predictions = model.Predict(request.Images);
        Print(predictions, request.Top, request.AnnotateFolder);
        if (request.ExplainFolder is not null) Explain(request.Model, request.Images, request.ExplainFolder);
        return 0;
    }

    /// <summary>One Grad-CAM PNG per image: the predicted class, and the true class when the image's folder names one.</summary>
    public static void Explain(string modelPath, IReadOnlyList<string> images, string folder)
    {
        using var explainer = GradCamExplainer.Load(modelPath);
        foreach (string image in images)
        {
            var (explanation, png) = explainer.WriteHeatmap(image, folder, explainer.ClassOfFolder(image));
            string panels = explanation.TrueClass is { } truth && truth != explanation.PredictedClass
                ? $"predicted {explanation.PredictedClass} (left), true {truth} (right)"
                : $"predicted {explanation.PredictedClass}";
            Terminal.Line($"  Grad-CAM heatmap ({panels}): {png}");
        }
    }

    /// <summary>Prints each prediction; writes annotated PNGs into <paramref name="annotateFolder"/> when given.</summary>
    public static void Print(IReadOnlyList<ImagePrediction> predictions, int top, string? annotateFolder)
    {
        foreach (var prediction in predictions)
        {
            ProbabilityChart.Print(prediction, top);
            if (annotateFolder is null) continue;
            string target = Path.Combine(annotateFolder, Path.GetFileNameWithoutExtension(prediction.ImagePath) + ".annotated.png");
            AtomicFile.Write(target, (string temporary) => DrawingPlugin.Instance.WriteAnnotatedImage(
                prediction.ImagePath, temporary, prediction.ClassNames, prediction.Probabilities, prediction.Predicted));
            Terminal.Line($"  annotated copy: {target}");
        }
    }
}
