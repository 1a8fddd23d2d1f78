/**
 * Sources for the published training throughputs (images per second) behind the article's
 * wall-clock estimates. Every figure is a vendor or framework benchmark, not a measurement of
 * this article's case; the notes say on what data and hardware each was measured.
 */
import type { Reference } from './types';

export const THROUGHPUT_REFERENCES = {
  'nvidia-resnet50-v1-5': {
    id: 'nvidia-resnet50-v1-5',
    title: 'ResNet50 v1.5 for PyTorch (README: training performance results)',
    authors: 'NVIDIA',
    publisher: 'NVIDIA DeepLearningExamples (GitHub)',
    version: 'results measured in the pytorch-21.03 NGC container',
    url: 'https://github.com/NVIDIA/DeepLearningExamples/blob/master/PyTorch/Classification/ConvNets/resnet50v1.5/README.md',
    note: 'Training throughput at 224 px: 1× A100 80GB 2,470 img/s with AMP, 938 with TF32; 1× V100 16GB 1,200 with AMP, 367 with FP32. ImageNet data fed by DALI.',
  },
  'nvidia-efficientnet': {
    id: 'nvidia-efficientnet',
    title: 'EfficientNet for PyTorch (README: training performance results)',
    authors: 'NVIDIA',
    publisher: 'NVIDIA DeepLearningExamples (GitHub)',
    url: 'https://github.com/NVIDIA/DeepLearningExamples/blob/master/PyTorch/Classification/ConvNets/efficientnet/README.md',
    note: 'Training throughput: EfficientNet-B0 (224 px) on 1× A100 80GB 2,489 img/s with AMP, 1,078 with TF32; EfficientNet-B4 (380 px) 331 with AMP, 157 with TF32, and on 1× V100 16GB 204 with AMP, 83 with FP32.',
  },
  'tensorflow-benchmarks-2017': {
    id: 'tensorflow-benchmarks-2017',
    title: 'Benchmarks (TensorFlow performance guide)',
    authors: 'The TensorFlow Authors',
    publisher: 'TensorFlow (GitHub, tensorflow/docs_src/performance/benchmarks.md)',
    year: '2017',
    version: 'TensorFlow 1.x documentation, commit 6535ed7',
    url: 'https://github.com/tensorflow/tensorflow/blob/6535ed7c270f9fb96798eec626e1883e15905226/tensorflow/docs_src/performance/benchmarks.md',
    note: 'Training on real data, FP32, batch 64: 1× P100 Inception-v3 142 img/s, ResNet-50 218; 1× K80 (Google Compute Engine) Inception-v3 30.6, ResNet-50 51.2.',
  },
  'keras-applications': {
    id: 'keras-applications',
    title: 'Keras Applications (table of models with time per inference step)',
    publisher: 'keras.io',
    url: 'https://keras.io/api/applications/',
    note: 'Time per inference step, batch 32, on an A100: ResNet50 4.6 ms, InceptionV3 6.9 ms, EfficientNetB0 4.9 ms, EfficientNetB4 15.1 ms. Inference, not training.',
  },
} as const satisfies Record<string, Reference>;

export type ThroughputReferenceId = keyof typeof THROUGHPUT_REFERENCES;
