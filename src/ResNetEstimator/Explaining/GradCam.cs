using TorchSharp;
using static TorchSharp.torch;

namespace MlNetResNet.Explaining;

/// <summary>
/// Grad-CAM (Selvaraju et al., 2017) on layer4: the gradient of a class's logit with respect to layer4's activations,
/// averaged over each channel's positions, weighs the channels; their weighted sum, clipped at zero, is resized to
/// the input crop (bilinear) and scaled to a maximum of 1. The gradient stops at layer4 (its activations are a leaf),
/// so only <c>fc</c> is differentiated and no parameter's <c>.grad</c> is touched.
/// </summary>
internal static class GradCam
{
    /// <param name="network">The network, in eval mode.</param>
    /// <param name="image">One normalised image, <c>[1, 3, S, S]</c>.</param>
    /// <param name="temperature">The saved model's temperature, so the probabilities equal its <c>Score</c>.</param>
    /// <param name="trueClass">A class to explain besides the predicted one, when known.</param>
    /// <returns>Heatmaps of S·S values (row-major) in [0, 1].</returns>
    public static GradCamPass Compute(ResNet network, Tensor image, double temperature, int? trueClass)
    {
        using var scope = NewDisposeScope();
        using var grad = enable_grad();
        Tensor activations;
        using (no_grad()) activations = network.Layer4Activations(image);
        var leaf = activations.detach().requires_grad_(true);
        var logits = network.ClassifyActivations(leaf);
        var probabilities = nn.functional.softmax(logits.detach() / temperature, 1)[0].data<float>().ToArray();
        int predicted = (int)logits[0].argmax().item<long>();
        int size = (int)image.shape[3];
        var predictedMap = Heatmap(logits[0, predicted], leaf, size, retainGraph: trueClass is not null);
        var trueMap = trueClass is int t ? Heatmap(logits[0, t], leaf, size, retainGraph: false) : null;
        return new GradCamPass(probabilities, predicted, predictedMap, trueMap);
    }

    private static float[] Heatmap(Tensor logit, Tensor activations, int size, bool retainGraph)
    {
        using var scope = NewDisposeScope();
        var gradient = torch.autograd.grad([logit], [activations], retain_graph: retainGraph)[0];
        var weights = gradient.mean([2, 3], keepdim: true);
        var map = nn.functional.relu((weights * activations.detach()).sum(1, keepdim: true));
        var resized = nn.functional.interpolate(map, [size, size], mode: InterpolationMode.Bilinear, align_corners: false).clamp_min(0);
        var peak = resized.max().item<float>();
        var scaled = peak > 0 ? resized / peak : resized;
        return scaled.flatten().data<float>().ToArray();
    }
}
