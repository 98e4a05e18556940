using MlNetResNet.Imaging;

namespace MlNetResNet;

public sealed partial class ResNetClassifierEstimator
{
    /// <summary>
    /// The default of every setting, read by both the catalog methods' parameters and the
    /// <see cref="ResNetClassifierOptions"/> / <see cref="ResNetTrainerOptions"/> initialisers, so the two cannot drift apart (as ML.NET's
    /// <c>ImagePixelExtractingEstimator.Defaults</c>). The recipe is the classic PyTorch fine-tuning one.
    /// </summary>
    public static class Defaults
    {
        /// <summary>Key column holding the class.</summary>
        public const string LabelColumnName = ResNetColumnNames.Label;

        /// <summary>Image column (MLImage or path string).</summary>
        public const string ImageColumnName = ResNetColumnNames.Image;

        /// <summary>Output column of the class probabilities.</summary>
        public const string ScoreColumnName = ResNetColumnNames.Score;

        /// <summary>Output column of the most probable class.</summary>
        public const string PredictedLabelColumnName = ResNetColumnNames.PredictedLabel;

        /// <summary>Network to fine-tune.</summary>
        public const ResNetArchitecture Architecture = ResNetArchitecture.ResNet34;

        /// <summary>Passes over the training data.</summary>
        public const int Epochs = 10;

        /// <summary>Images per optimisation step.</summary>
        public const int BatchSize = 32;

        /// <summary>Peak learning rate.</summary>
        public const double LearningRate = 1e-4;

        /// <summary>Optimizer.</summary>
        public const ResNetOptimizer Optimizer = ResNetOptimizer.Adam;

        /// <summary>Momentum for SGD.</summary>
        public const double Momentum = 0.9;

        /// <summary>Learning-rate schedule.</summary>
        public const LearningRateSchedule LearningRateSchedule = MlNetResNet.LearningRateSchedule.Constant;

        /// <summary>Warm-up epochs of the cosine schedule.</summary>
        public const double WarmupEpochs = 1;

        /// <summary>The recipe that fills the additions left unset.</summary>
        public const TrainingRecipe Recipe = TrainingRecipe.Modern;

        /// <summary>Averaging inside the saved model.</summary>
        public const TestTimeAugmentation TestTimeAugmentation = MlNetResNet.TestTimeAugmentation.None;

        /// <summary>Calibration of the saved probabilities.</summary>
        public const ProbabilityCalibration Calibration = ProbabilityCalibration.None;

        /// <summary>Side of the square crop the network sees.</summary>
        public const int ImageSize = 224;

        /// <summary>RandomResizedCrop area range, as fractions of the image (torchvision's).</summary>
        public static readonly (double Min, double Max) RandomCropScale = (0.08, 1.0);

        /// <summary>RandomResizedCrop aspect-ratio range (torchvision's).</summary>
        public static readonly (double Min, double Max) RandomCropRatio = (3.0 / 4.0, 4.0 / 3.0);

        /// <summary>Randomly mirror training images left-right.</summary>
        public const bool HorizontalFlip = true;

        /// <summary>Starting weights.</summary>
        public const PretrainedWeights Pretrained = PretrainedWeights.None;

        /// <summary>Fraction of training rows held out when no validation set is given.</summary>
        public const double ValidationFraction = 0.1;

        /// <summary>Return the weights of the best validation epoch.</summary>
        public const bool KeepBestEpoch = true;

        /// <summary>Seed of shuffling, augmentation, the hold-out split and the new layers.</summary>
        public const int Seed = 1;

        /// <summary>Where training runs.</summary>
        public const ComputeDevice Device = ComputeDevice.Auto;

        /// <summary>Arithmetic of the training step.</summary>
        public const TrainingPrecision Precision = TrainingPrecision.Float32;

        /// <summary>Memory layout while training.</summary>
        public const TensorLayout Layout = TensorLayout.Auto;

        /// <summary>What to do with an image that cannot be decoded.</summary>
        public const InvalidImagePolicy InvalidImages = InvalidImagePolicy.Skip;

        /// <summary>Largest image accepted, in pixels.</summary>
        public const long MaxImagePixels = ImageDecoder.DefaultMaxPixels;

        /// <summary>Memory for decoded training images kept across epochs, in bytes (1 GiB).</summary>
        public const long ImageCacheBytes = 1L << 30;

        /// <summary>Which weights train, and in what order.</summary>
        public const FineTuningMode FineTuning = FineTuningMode.Full;

        /// <summary>Most bytes the feature cache holds (1 GiB).</summary>
        public const long FeatureCacheMaxBytes = 1L << 30;
    }
}
