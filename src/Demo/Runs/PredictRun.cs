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
        return 0;
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
