/**
 * The article's glossary: the words of training arithmetic, each defined in one plain sentence
 * (`short`, shown in a popover where a chapter first uses the term) and, where it helps, a
 * second (`more`). The definitions follow the frameworks' own rules as docs/frameworks.md states
 * them; `seeAlso` lists ids of related terms.
 */

export interface GlossaryEntry {
  id: string;
  term: string;
  short: string;
  more?: string;
  seeAlso?: string[];
}

const ENTRIES: readonly GlossaryEntry[] = [
  {
    id: 'sample',
    term: 'sample',
    short: 'One example in the data set, here one retinal image with its grade.',
    more: 'Frameworks count the size of a data set, and of every batch, in samples.',
    seeAlso: ['batch', 'image-pass'],
  },
  {
    id: 'batch',
    term: 'batch',
    short: 'A group of samples that go through the model together, in one forward and one backward pass.',
    more: 'In deep learning “batch” almost always means a mini-batch: a small part of the data set, not all of it.',
    seeAlso: ['mini-batch', 'batch-size', 'last-partial-batch'],
  },
  {
    id: 'mini-batch',
    term: 'mini-batch',
    short:
      'A small random part of the training set whose averaged gradient stands in for the gradient over all of it.',
    more: 'Textbooks keep “batch” for the whole training set and say mini-batch for the part; code and everyday speech call the part a batch.',
    seeAlso: ['batch', 'batch-size'],
  },
  {
    id: 'micro-batch',
    term: 'micro-batch',
    short:
      'One of the batches whose gradients are added together before a single optimizer step, when gradients are accumulated.',
    more: 'DeepSpeed calls its size train_micro_batch_size_per_gpu; without accumulation a micro-batch is simply a batch.',
    seeAlso: ['gradient-accumulation', 'per-device-batch-size'],
  },
  {
    id: 'batch-size',
    term: 'batch size',
    short: 'The number of samples in each full batch, the B of the formulas.',
    more: 'With several devices it usually means the batch on one device; the last batch of an epoch can be smaller.',
    seeAlso: ['per-device-batch-size', 'effective-batch-size', 'last-partial-batch'],
  },
  {
    id: 'iteration',
    term: 'iteration',
    short: 'One turn of the training loop: usually one batch through the model, forward and backward.',
    more: 'Often used as a synonym of step; with gradient accumulation, several iterations make one optimizer step.',
    seeAlso: ['step', 'optimizer-step'],
  },
  {
    id: 'step',
    term: 'step',
    short: 'A word with two uses: one batch processed, or one update of the model’s weights.',
    more: 'Keras’s steps_per_epoch counts batches; the global_step of Hugging Face’s Trainer and of Lightning counts optimizer updates. Without gradient accumulation the two counts are equal.',
    seeAlso: ['iteration', 'optimizer-step'],
  },
  {
    id: 'optimizer-step',
    term: 'optimizer step',
    short:
      'One update of the model’s weights by the optimizer, from the gradients gathered since the last update.',
    more: 'Learning-rate schedules, max_steps and the logging and checkpoint intervals of the Trainer and Lightning are counted in optimizer steps.',
    seeAlso: ['step', 'gradient-accumulation', 'learning-rate-schedule'],
  },
  {
    id: 'epoch',
    term: 'epoch',
    short:
      'One pass over the training set, in which every training sample is drawn once (apart from any the loader drops or repeats).',
    more: 'An epoch has ⌈N/B⌉ batches when the last partial batch is kept and ⌊N/B⌋ when it is dropped.',
    seeAlso: ['batch', 'drop-last', 'last-partial-batch'],
  },
  {
    id: 'last-partial-batch',
    term: 'last partial batch',
    short:
      'The smaller batch left at the end of an epoch when the number of samples is not a multiple of the batch size.',
    more: 'It holds N mod B samples, the remainder of the division of the sample count by the batch size.',
    seeAlso: ['drop-last', 'epoch'],
  },
  {
    id: 'drop-last',
    term: 'drop_last',
    short:
      'A data-loader option that discards the last partial batch of each epoch instead of training on it.',
    more: 'PyTorch, the Trainer, Lightning and DeepSpeed keep the last batch by default; fastai drops it for training; Keras cannot drop it from arrays; tf.data calls the option drop_remainder. If the batch is larger than the data, dropping leaves no batch at all.',
    seeAlso: ['last-partial-batch', 'epoch'],
  },
  {
    id: 'per-device-batch-size',
    term: 'per-device batch size',
    short: 'The number of samples one GPU (or other device) processes in one batch.',
    more: 'Hugging Face calls it per_device_train_batch_size and DeepSpeed train_micro_batch_size_per_gpu; it is limited by the memory of one device.',
    seeAlso: ['batch-size', 'effective-batch-size', 'data-parallel'],
  },
  {
    id: 'effective-batch-size',
    term: 'effective batch size',
    short:
      'The number of samples behind one optimizer step: per-device batch size × devices × gradient-accumulation steps.',
    more: 'Frameworks state it as that product (DeepSpeed’s train_batch_size, the Trainer’s “total train batch size”), even where the last step of an epoch sees fewer samples.',
    seeAlso: ['per-device-batch-size', 'gradient-accumulation', 'data-parallel'],
  },
  {
    id: 'gradient-accumulation',
    term: 'gradient accumulation',
    short:
      'Adding up the gradients of several batches before one optimizer step, to train with a larger effective batch than memory allows.',
    more: 'The Trainer, Lightning and accelerate also step on a shorter window at the end of each epoch, so an epoch has ⌈L/GA⌉ optimizer steps; DeepSpeed’s engine carries the window over into the next epoch.',
    seeAlso: ['micro-batch', 'optimizer-step', 'effective-batch-size'],
  },
  {
    id: 'data-parallel',
    term: 'data parallelism',
    short:
      'Training one model on several devices at once, each with a copy of the model and its own share of every batch of data.',
    more: 'The devices average their gradients before each optimizer step, so each step sees all their batches together.',
    seeAlso: ['distributed-sampler', 'per-device-batch-size', 'effective-batch-size'],
  },
  {
    id: 'distributed-sampler',
    term: 'DistributedSampler',
    short:
      'The PyTorch sampler that gives each of P processes its own ⌈N/P⌉ of the data set’s indices in every epoch.',
    more: 'By default it pads the list with repeated indices so that every process gets the same number; with drop_last=True it cuts the list to ⌊N/P⌋ each instead.',
    seeAlso: ['data-parallel', 'padding'],
  },
  {
    id: 'padding',
    term: 'padding',
    short: 'Repeating a few samples so that every device gets the same number of them in an epoch.',
    more: 'DistributedSampler repeats indices from the start of its list; accelerate loops back to the start of the data to fill the last batches.',
    seeAlso: ['distributed-sampler', 'data-parallel'],
  },
  {
    id: 'validation-split',
    term: 'validation split',
    short:
      'The share of the data set held back from training to measure the model on images it has not learned from.',
    more: 'Only the rest is counted in batches per epoch. Frameworks round the split differently, and Keras’s validation_split takes the last rows, before shuffling.',
    seeAlso: ['sample', 'epoch'],
  },
  {
    id: 'learning-rate',
    term: 'learning rate',
    short: 'The factor by which the optimizer scales each update of the weights.',
    seeAlso: ['learning-rate-schedule', 'warm-up'],
  },
  {
    id: 'learning-rate-schedule',
    term: 'learning-rate schedule',
    short: 'A rule that changes the learning rate as training goes on, usually lowering it towards the end.',
    more: 'Most schedulers are stepped once per optimizer step, so they must be given the total number of optimizer steps, not of batches.',
    seeAlso: ['learning-rate', 'warm-up', 'optimizer-step'],
  },
  {
    id: 'warm-up',
    term: 'warm-up',
    short:
      'A first stretch of training in which the learning rate rises gradually from a small value to its full value.',
    more: 'Its length is given in optimizer steps (or as a share of them), which is why the total must be counted right.',
    seeAlso: ['learning-rate-schedule', 'optimizer-step'],
  },
  {
    id: 'max-steps',
    term: 'max_steps',
    short:
      'A limit on the number of optimizer steps that, when set, ends training there whatever the number of epochs.',
    more: 'The Trainer and Lightning both have it; it counts optimizer steps, not batches.',
    seeAlso: ['optimizer-step', 'epoch'],
  },
  {
    id: 'throughput',
    term: 'throughput',
    short: 'How many samples a setup processes per second in training, e.g. images per second on one GPU.',
    more: 'Image passes divided by throughput gives a rough training time; published figures are for given models, image sizes and hardware.',
    seeAlso: ['image-pass'],
  },
  {
    id: 'image-pass',
    term: 'image pass',
    short:
      'One image going through the model once in training, forward and backward; a run’s image passes are every image of every batch of every epoch.',
    more: 'Repeated images count each time: without repeats or drops, image passes are training images × epochs.',
    seeAlso: ['sample', 'epoch', 'throughput'],
  },
];

export const GLOSSARY: Readonly<Record<string, GlossaryEntry>> = Object.freeze(
  Object.fromEntries(ENTRIES.map((entry): [string, GlossaryEntry] => [entry.id, entry])),
);
