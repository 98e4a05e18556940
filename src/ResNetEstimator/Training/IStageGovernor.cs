namespace MlNetResNet.Training;

/// <summary>
/// Steers the training pass of a planned stage step by step: whether to take the next step (planned steps and time
/// left), its learning rate, batch-norm mode, and what the step measured. Without one, a pass runs its whole epoch at
/// the options' schedule.
/// </summary>
internal interface IStageGovernor
{
    /// <summary>Called before step <paramref name="step"/> (zero-based within the stage); false ends the pass here.</summary>
    bool BeforeStep(ResNet network, long step);

    /// <summary>Learning rate of step <paramref name="step"/>.</summary>
    double LearningRate(long step);

    /// <summary>Called after each step with the images it trained on.</summary>
    void AfterStep(long step, int images);
}
